-- CreateTable
CREATE TABLE "platform_state" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "platform_state_pkey" PRIMARY KEY ("key")
);

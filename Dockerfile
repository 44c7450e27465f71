# Multi-stage build: install production dependencies (the postinstall generates the Prisma client
# offline), then copy them into a slim runtime image that runs as the unprivileged `node` user.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
# Inside a container the health server must listen beyond loopback to be probed; it only serves
# when HEALTH_PORT is set (e.g. docker run -e HEALTH_PORT=9464 -p 9464:9464 …).
ENV HEALTH_HOST=0.0.0.0
WORKDIR /app
COPY --chown=node:node . .
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=deps --chown=node:node /app/src/infra/db/generated ./src/infra/db/generated
RUN mkdir -p /app/data && chown node:node /app/data
# Slack's HTTP receiver (POST /slack/events) listens on PORT when Socket Mode is off; Discord and
# Socket Mode only make outbound connections.
ENV PORT=3000
EXPOSE 3000
USER node
VOLUME ["/app/data"]
# Migrations run first (and again, harmlessly, inside start-up); then the bot replaces the shell,
# so SIGTERM reaches its graceful shutdown directly.
CMD ["sh", "-c", "node --import tsx src/infra/db/migrate-cli.ts && exec node --import tsx src/main.ts"]

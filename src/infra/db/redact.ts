/** The connection string with any password replaced by ***, for logs and error messages. */
export function redactDatabaseUrl(url: string): string {
  return (
    url
      // userinfo: scheme://user:secret@host; the last @ ends it, as in URL parsing.
      .replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#]*?:)[^/?#]*@/i, '$1***@')
      // libpq also takes the password as a query parameter.
      .replace(/([?&]password=)[^&#]*/gi, '$1***')
  );
}

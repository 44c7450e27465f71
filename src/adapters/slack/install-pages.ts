import type { ServerResponse } from 'node:http';

/** Where Slack's install flow starts and returns (Bolt's defaults); docs/slack.md and the manifest name them too. */
export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

/** Why an install did not finish, in words for the person who clicked "Allow" (no internals). */
export interface InstallProblem {
  status: number;
  title: string;
  detail: string;
}

/** Maps the OAuth installer's error codes to a page; state problems are the visitor's, the rest ours or Slack's. */
export function installProblem(code: string | undefined): InstallProblem {
  switch (code) {
    case 'slack_oauth_installer_authorization_error':
      return {
        status: 200,
        title: 'Installation cancelled',
        detail: 'Nothing was installed. You can start again whenever you like.',
      };
    case 'slack_oauth_missing_state':
    case 'slack_oauth_invalid_state':
    case 'slack_oauth_missing_code':
      return {
        status: 400,
        title: 'This install link is not valid here',
        detail:
          'It may have expired, or been opened in a different browser from the one that started. Start again from the install link.',
      };
    case 'slack_org_install_unsupported':
      return {
        status: 400,
        title: 'Organization-wide installs are not supported',
        detail: 'Please install Pre-order Pal in each workspace of your organization instead.',
      };
    default:
      if (code?.startsWith('ERR_JW')) {
        // The signed state ran out (10 minutes) or was tampered with.
        return {
          status: 400,
          title: 'This install link has expired',
          detail: 'Install links are good for ten minutes. Start again from the install link.',
        };
      }
      return {
        status: 502,
        title: 'The installation did not finish',
        detail: 'Slack did not complete the installation. Please try again in a few minutes.',
      };
  }
}

export function sendInstallSuccess(res: ServerResponse, teamName: string | undefined): void {
  const where = teamName ? `<strong>${escapeHtml(teamName)}</strong>` : 'your workspace';
  sendPage(
    res,
    200,
    'Pre-order Pal is installed',
    `<p>Pre-order Pal is now part of ${where}.</p>
<p>In any channel, type <code>/preorder help</code> to see what it can do, or
<code>/preorder start</code> to plan your first pre-order. Reminders arrive as direct messages from
Pre-order Pal, and the app's <em>Home</em> tab shows your campaigns.</p>
<p>You can close this page and go back to Slack.</p>`,
  );
}

export function sendInstallFailure(res: ServerResponse, problem: InstallProblem): void {
  sendPage(
    res,
    problem.status,
    problem.title,
    `<p>${escapeHtml(problem.detail)}</p>
<p><a href="${INSTALL_PATH}">Start the installation again</a></p>`,
  );
}

function sendPage(res: ServerResponse, status: number, title: string, body: string): void {
  if (res.headersSent) return;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1d1c1d}h1{color:#2b4c7e}</style>
</head><body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>
`);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

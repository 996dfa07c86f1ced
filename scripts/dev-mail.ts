// `npm run dev:mail`: catches the mail a development server sends, so that verification and
// password-reset links can be followed without a real mail service. An SMTP server on
// 127.0.0.1:MAIL_CATCHER_SMTP_PORT (1025) and a page listing what arrived, newest first, on
// http://127.0.0.1:MAIL_CATCHER_HTTP_PORT (1080) (/messages.json for scripts and e2e). Start the
// app with SMTP_URL=smtp://127.0.0.1:1025. Runs until Ctrl-C.
import { createServer } from 'node:http';
import { startMailCatcher, type CaughtMail } from '../lib/testing/mail-catcher.ts';

const number = (value: string | undefined, fallback: number) =>
  value && Number.isInteger(Number(value)) ? Number(value) : fallback;
const smtpPort = number(process.env.MAIL_CATCHER_SMTP_PORT, 1025);
const httpPort = number(process.env.MAIL_CATCHER_HTTP_PORT, 1080);

const catcher = await startMailCatcher({ port: smtpPort });
catcher.onMail((mail) => {
  console.log(`${new Date().toTimeString().slice(0, 8)} [mail] to ${mail.to.join(', ')}: ${mail.subject}`);
  for (const link of mail.links) console.log(`         ${link}`);
});

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const linkify = (text: string) => escape(text).replace(/https?:\/\/[^\s<>"]+/g, (url) => `<a href="${url}">${url}</a>`);
const card = (mail: CaughtMail) => `<article>
  <h2>${escape(mail.subject)}</h2>
  <p class="meta">To ${escape(mail.to.join(', '))} · from ${escape(mail.from)} · <time>${escape(new Date(mail.receivedAt).toLocaleString())}</time></p>
  <pre>${linkify(mail.text)}</pre>
</article>`;

const page = () => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Hearth · caught mail (${catcher.mails.length})</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { max-width: 760px; margin: 2rem auto; padding: 0 1rem; }
  article { border: 1px solid #d6d3d1; border-radius: 16px; padding: 1rem 1.25rem; margin: 1rem 0; }
  h2 { margin: 0; font-size: 1.1rem; } .meta { color: #78716c; font-size: .85rem; margin: .25rem 0 .75rem; }
  pre { white-space: pre-wrap; font: inherit; margin: 0; } a { color: #c2410c; }
</style></head>
<body><h1>Caught mail</h1><p>SMTP on 127.0.0.1:${catcher.port}. Reload to see new messages.</p>
${catcher.mails.length ? [...catcher.mails].reverse().map(card).join('\n') : '<p>Nothing yet. Sign up, or ask for a password reset, in the app.</p>'}
</body></html>`;

const http = createServer((req, res) => {
  if (req.url === '/messages.json')
    return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(catcher.mails));
  if (req.url === '/' || req.url === '')
    return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page());
  res.writeHead(404).end();
});
http.listen(httpPort, '127.0.0.1', () => {
  console.log(`Catching mail: SMTP on 127.0.0.1:${catcher.port}, messages at http://127.0.0.1:${httpPort}`);
  console.log(`Start Hearth with SMTP_URL=${catcher.url}`);
});

const stop = async () => {
  http.close();
  await catcher.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

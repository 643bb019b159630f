// The extension's HTML pages, generated from one template: the hub, and per widget its page and its
// configuration page. No inline script or handler: scripts load by src, and a CSP forbids anything else.
import { readFileSync } from 'node:fs';

/** Widget keys and titles, read from the manifest (the one list of contributions). */
export function widgetsOf(manifest) {
  return manifest.contributions
    .filter((c) => c.type === 'ms.vss-dashboards-web.widget')
    .map((c) => ({ key: /^dist\/widget-(.+)\.html$/.exec(c.properties.uri)[1], name: c.properties.name }));
}

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // The backend (https, or loopback for the dev variant) and the organization's REST API.
  "connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function page({ title, kind, widgetKey, script }) {
  const data = widgetKey ? ` data-widget="${escape(widgetKey)}"` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="${CSP}">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escape(title)}</title>
  <link rel="stylesheet" href="lib/flowtrack-dashboard.css">
  <link rel="stylesheet" href="css/pages.css">
</head>
<body class="ft-page-${kind}"${data}>
  <div id="root" class="ft-page"></div>
  <script src="lib/flowtrack-dashboard.js"></script>
  <script src="js/${script}.js"></script>
</body>
</html>
`;
}

/** Every page as [file name in dist/, html]. */
export function allPages(manifestPath) {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const pages = [['hub.html', page({ title: 'FlowTrack flow metrics', kind: 'hub', script: 'hub' })],
    ['org-settings.html', page({ title: 'FlowTrack: organization settings', kind: 'admin', script: 'org-settings' })],
    ['project-settings.html', page({ title: 'FlowTrack: project settings', kind: 'admin', script: 'project-settings' })]];
  for (const w of widgetsOf(manifest)) {
    pages.push([`widget-${w.key}.html`, page({ title: w.name, kind: 'widget', widgetKey: w.key, script: 'widget' })]);
    pages.push([`config-${w.key}.html`, page({ title: `${w.name}: configuration`, kind: 'config', widgetKey: w.key, script: 'config' })]);
  }
  return pages;
}

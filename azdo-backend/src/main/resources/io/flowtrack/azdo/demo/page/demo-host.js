/*
 * The demo page's host adapter (the FlowHost of the dashboards contract): signs in at POST /demo/sign-in,
 * reads the report API with the app token and the access token exactly as the Azure DevOps extension does,
 * keeps the user's controls in localStorage.
 *
 * Page parameters: ?chart=<kind> one chart at widget size (330 x 330 px); ?project=unsynced the demo
 * organization's project that was never synced; ?project=<id> or ?org=<id> another project or organization
 * (their empty states); ?theme=light|dark; ?today=YYYY-MM-DD pins "today".
 */
(function () {
  'use strict';
  var params = new URLSearchParams(window.location.search);
  var CONTROLS_KEY = 'flowtrack.demo.controls';
  var THEME_KEY = 'flowtrack.demo.theme';
  var main = document.getElementById('demo-main');
  var themeButton = document.getElementById('demo-theme');
  var themeListeners = [];
  var session = null;

  function isoToday() {
    var pinned = params.get('today');
    if (pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned)) {
      return pinned;
    }
    var d = new Date();
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
  }

  function zone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    } catch (e) {
      return 'UTC';
    }
  }

  var media = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  function initialTheme() {
    var asked = params.get('theme') || window.localStorage.getItem(THEME_KEY);
    if (asked === 'dark' || asked === 'light') {
      return asked;
    }
    return media && media.matches ? 'dark' : 'light';
  }
  var theme = initialTheme();

  function applyTheme(t) {
    theme = t;
    document.body.classList.toggle('demo-dark', t === 'dark');
    themeButton.textContent = t === 'dark' ? 'Light theme' : 'Dark theme';
    themeButton.setAttribute('aria-pressed', String(t === 'dark'));
    themeListeners.forEach(function (cb) { cb(t); });
  }
  themeButton.addEventListener('click', function () {
    var next = theme === 'dark' ? 'light' : 'dark';
    window.localStorage.setItem(THEME_KEY, next);
    applyTheme(next);
  });
  if (media && media.addEventListener) {
    media.addEventListener('change', function (e) {
      if (!params.get('theme') && !window.localStorage.getItem(THEME_KEY)) {
        applyTheme(e.matches ? 'dark' : 'light');
      }
    });
  }

  // The dashboards' neutral kind for the backend's error codes (the same backend as the extension's, the same
  // mapping as azdo-extension/src/host/hostError.ts kindOf): the shared bundle reads only the kind.
  function kindOf(status, code) {
    if (code === 'busy') {
      return 'busy';
    }
    if (status === 404 && code === 'organization_not_connected') {
      return 'not_connected';
    }
    if (status === 409 && code === 'not_synced') {
      return 'not_synced';
    }
    return code === 'configuration_invalid' || code === 'no_mapped_stages' ? 'configuration' : 'failed';
  }

  function hostError(status, code, message) {
    return { status: status, code: code, kind: kindOf(status, code), message: message };
  }

  async function signIn() {
    if (session) {
      return session;
    }
    var res = await fetch('/demo/sign-in', { method: 'POST', credentials: 'omit', cache: 'no-store' });
    if (!res.ok) {
      throw hostError(res.status, 'sign_in_failed', 'The demo sign-in failed (HTTP ' + res.status + ').');
    }
    session = await res.json();
    return session;
  }

  function target(s) {
    var project = params.get('project');
    return {
      org: params.get('org') || s.organizationId,
      project: project === 'unsynced' ? s.unsyncedProjectId : project === 'plain' ? s.plainProjectId
        : project || s.projectId,
    };
  }

  var host = {
    fetchReport: async function (q) {
      var s = await signIn();
      var t = target(s);
      var query = new URLSearchParams();
      Object.keys(q).forEach(function (k) {
        var v = q[k];
        if (v !== undefined && v !== null) {
          query.set(k, Array.isArray(v) ? v.join(',') : String(v));
        }
      });
      var url = '/api/v1/orgs/' + encodeURIComponent(t.org) + '/projects/' + encodeURIComponent(t.project)
        + '/report?' + query.toString();
      var res;
      try {
        res = await fetch(url, {
          credentials: 'omit', cache: 'no-store',
          headers: { 'Authorization': 'Bearer ' + s.appToken, 'X-FlowTrack-Access-Token': s.accessToken },
        });
      } catch (e) {
        throw hostError(0, 'network', 'The FlowTrack backend cannot be reached: ' + e.message);
      }
      var body = null;
      try {
        body = await res.json();
      } catch (e) {
        body = null;
      }
      if (!res.ok) {
        throw hostError(res.status, body && body.error ? body.error : 'http_' + res.status,
          body && body.message ? body.message : 'The report request failed (HTTP ' + res.status + ').');
      }
      return body;
    },
    loadControls: async function () {
      var text = window.localStorage.getItem(CONTROLS_KEY);
      if (!text) {
        return null;
      }
      try {
        return JSON.parse(text);
      } catch (e) {
        return null;
      }
    },
    saveControls: async function (c) {
      window.localStorage.setItem(CONTROLS_KEY, JSON.stringify(c));
    },
    itemUrl: function (itemId) {
      // The demo organization is not a real one: there is no work item page to open.
      return null;
    },
    theme: function () { return theme; },
    onThemeChange: function (cb) { themeListeners.push(cb); },
    today: isoToday,
    timeZone: zone,
  };

  function fail(e) {
    var p = document.createElement('p');
    p.className = 'demo-error';
    p.setAttribute('role', 'alert');
    p.textContent = 'The dashboards could not start: ' + (e && e.message ? e.message : String(e));
    main.replaceChildren(p);
  }

  async function start() {
    applyTheme(theme);
    if (!window.FlowTrack) {
      fail(new Error('the dashboards bundle did not load'));
      return;
    }
    var kind = params.get('chart');
    if (kind) {
      if (window.FlowTrack.CHART_KINDS.indexOf(kind) < 0) {
        fail(new Error('unknown chart "' + kind + '"; one of ' + window.FlowTrack.CHART_KINDS.join(', ')));
        return;
      }
      var box = document.createElement('section');
      box.className = 'demo-widget';
      box.setAttribute('aria-label', window.FlowTrack.CHART_TITLES[kind]);
      var title = document.createElement('h2');
      title.textContent = window.FlowTrack.CHART_TITLES[kind];
      var body = document.createElement('div');
      body.className = 'demo-widget-body';
      box.append(title, body);
      main.replaceChildren(box);
      var saved = await host.loadControls();
      window.flowtrackDemo = await window.FlowTrack.mountChart(body, kind, host, saved || undefined);
      return;
    }
    window.flowtrackDemo = await window.FlowTrack.mountDashboard(main, host);
  }

  start().catch(fail);
}());

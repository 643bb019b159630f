/*
 * FlowTrack's Jira host for the shared dashboard bundle (io.flowtrack:flowtrack-web, global FlowTrack): a FlowHost
 * over this plugin's REST API, as the logged-in user. Reports from GET report; the user's dashboard controls kept
 * on the server (GET/PUT preferences/{projectKey}: Jira's database, so every cluster node and every browser of the
 * user sees the same choice); issue links to <base>/browse/KEY; the theme from Jira's colour mode
 * (<html data-color-mode="light|dark">, followed while the page is open); today and the time zone from the browser.
 * Plain ES2017, no build step; also loadable by Node for its tests (module.exports).
 */
(function (root) {
    'use strict';

    var REST = '/rest/flowtrack/1.0/';
    var REPORT_PARAMETERS = ['from', 'to', 'asOf', 'timeZone', 'startPolicy', 'forecastDays', 'forecastItems'];

    /** The URL of a report request: the selection (project, filter or jql) plus the dashboard's query. */
    function reportUrl(contextPath, selection, query) {
        var params = new URLSearchParams();
        ['project', 'filter', 'jql'].forEach(function (name) {
            if (selection[name]) {
                params.set(name, String(selection[name]));
            }
        });
        REPORT_PARAMETERS.forEach(function (name) {
            if (query[name] !== undefined && query[name] !== null && query[name] !== '') {
                params.set(name, String(query[name]));
            }
        });
        if (query.types && query.types.length) {
            params.set('types', query.types.join(','));
        }
        return contextPath + REST + 'report?' + params.toString();
    }

    /** Where the user's controls for a project's flow page are kept. */
    function preferencesUrl(contextPath, projectKey) {
        return contextPath + REST + 'preferences/' + encodeURIComponent(projectKey);
    }

    /** A HostError from a failed answer: the plugin's JSON error body, or the HTTP status alone. */
    function hostError(status, body) {
        if (body && typeof body.error === 'string') {
            return {status: status, code: body.error, message: String(body.message || body.error)};
        }
        return {status: status, code: 'http_' + status, message: 'FlowTrack answered ' + status + '.'};
    }

    /** Jira's context path: AJS's when AJS is there, else the page's ajs-context-path meta tag, else ''. */
    function contextPathOf(win) {
        if (win.AJS && typeof win.AJS.contextPath === 'function') {
            return win.AJS.contextPath();
        }
        var meta = win.document && win.document.querySelector('meta[name="ajs-context-path"]');
        return meta ? meta.getAttribute('content') || '' : '';
    }

    /** Jira 10's colour mode as the page shows it; the original (light-only) theme has no attribute. */
    function colourMode(doc) {
        var mode = doc && doc.documentElement && doc.documentElement.getAttribute('data-color-mode');
        return mode === 'dark' ? 'dark' : 'light';
    }

    function localDate(date) {
        var month = String(date.getMonth() + 1).padStart(2, '0');
        var day = String(date.getDate()).padStart(2, '0');
        return date.getFullYear() + '-' + month + '-' + day;
    }

    /**
     * @param options.contextPath Jira's context path ('' or '/jira'); see contextPathOf
     * @param options.selection   {project: KEY} | {filter: ID, project?: KEY} | {jql: '…', project?: KEY}
     * @param options.preferences the project key whose flow-page controls this host keeps for the user; without
     *                            it (a dashboard item, whose window is its configuration) nothing is kept
     * @param options.fetch       the fetch function (the browser's by default)
     * @param options.window      the page's window (document, MutationObserver, Date, Intl; the global by default)
     */
    function jiraHost(options) {
        var win = options.window || root;
        var doFetch = options.fetch || win.fetch.bind(win);
        var doc = win.document;
        var themeListeners = [];
        var observer = null;

        function call(url, init) {
            return doFetch(url, Object.assign({credentials: 'same-origin'}, init)).then(function (response) {
                return response.text().then(function (text) {
                    var body = null;
                    try {
                        body = text ? JSON.parse(text) : null;
                    } catch (e) {
                        body = null;
                    }
                    if (!response.ok) {
                        throw hostError(response.status, body);
                    }
                    return body;
                });
            });
        }

        function watchTheme() {
            if (observer || !doc || typeof win.MutationObserver !== 'function') {
                return;
            }
            var last = colourMode(doc);
            observer = new win.MutationObserver(function () {
                var now = colourMode(doc);
                if (now !== last) {
                    last = now;
                    themeListeners.forEach(function (listener) {
                        listener(now);
                    });
                }
            });
            observer.observe(doc.documentElement, {attributes: true, attributeFilter: ['data-color-mode']});
        }

        return {
            fetchReport: function (query) {
                return call(reportUrl(options.contextPath, options.selection, query),
                    {headers: {'Accept': 'application/json'}});
            },
            loadControls: function () {
                if (!options.preferences) {
                    return Promise.resolve(null);
                }
                return call(preferencesUrl(options.contextPath, options.preferences),
                    {headers: {'Accept': 'application/json'}}).then(function (body) {
                    return body && body.controls ? body.controls : null;
                });
            },
            saveControls: function (controls) {
                if (!options.preferences) {
                    return Promise.resolve();
                }
                return call(preferencesUrl(options.contextPath, options.preferences), {
                    method: 'PUT',
                    headers: {'Accept': 'application/json', 'Content-Type': 'application/json'},
                    body: JSON.stringify(controls)
                }).then(function () {
                    return undefined;
                });
            },
            itemUrl: function (itemId) {
                return options.contextPath + '/browse/' + encodeURIComponent(itemId);
            },
            theme: function () {
                return colourMode(doc);
            },
            onThemeChange: function (callback) {
                themeListeners.push(callback);
                watchTheme();
            },
            today: function () {
                return localDate(new win.Date());
            },
            timeZone: function () {
                return win.Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
            }
        };
    }

    var api = {jiraHost: jiraHost, reportUrl: reportUrl, preferencesUrl: preferencesUrl, hostError: hostError,
        contextPathOf: contextPathOf};
    if (typeof module === 'object' && module.exports) {
        module.exports = api;
    } else {
        root.FlowTrackJira = api;
    }
}(typeof window !== 'undefined' ? window : globalThis));

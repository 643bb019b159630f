/*
 * FlowTrack's Jira host for the shared dashboard bundle (io.flowtrack:flowtrack-web, global FlowTrack): a FlowHost
 * that asks this plugin's REST API for flowtrack-report/1 as the logged-in user. Plain ES2017, no build step; also
 * loadable by Node for its tests (module.exports).
 */
(function (root) {
    'use strict';

    var REPORT_PARAMETERS = ['from', 'to', 'asOf', 'timeZone', 'startPolicy', 'forecastDays', 'forecastItems'];

    /** The query string of a report request: the selection (project, filter or jql) plus the dashboard's query. */
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
        return contextPath + '/rest/flowtrack/1.0/report?' + params.toString();
    }

    /** A HostError from a failed answer: the plugin's JSON error body, or the HTTP status alone. */
    function hostError(status, body) {
        if (body && typeof body.error === 'string') {
            return {status: status, code: body.error, message: String(body.message || body.error)};
        }
        return {status: status, code: 'http_' + status, message: 'FlowTrack answered ' + status + '.'};
    }

    function localDate(date) {
        var month = String(date.getMonth() + 1).padStart(2, '0');
        var day = String(date.getDate()).padStart(2, '0');
        return date.getFullYear() + '-' + month + '-' + day;
    }

    /**
     * @param options.contextPath Jira's context path ('' or '/jira')
     * @param options.selection   {project: KEY} | {filter: ID, project?: KEY} | {jql: '…', project?: KEY}
     * @param options.storageKey  where the user's choices are kept in the browser (per dashboard item or page)
     * @param options.fetch       the fetch function (the browser's by default)
     * @param options.storage     a Storage (localStorage by default)
     */
    function jiraHost(options) {
        var doFetch = options.fetch || root.fetch.bind(root);
        var storage = options.storage || root.localStorage;
        var themeListeners = [];
        return {
            fetchReport: function (query) {
                return doFetch(reportUrl(options.contextPath, options.selection, query), {
                    credentials: 'same-origin',
                    headers: {'Accept': 'application/json'}
                }).then(function (response) {
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
            },
            loadControls: function () {
                var saved = storage ? storage.getItem(options.storageKey) : null;
                try {
                    return Promise.resolve(saved ? JSON.parse(saved) : null);
                } catch (e) {
                    return Promise.resolve(null);
                }
            },
            saveControls: function (controls) {
                if (storage) {
                    storage.setItem(options.storageKey, JSON.stringify(controls));
                }
                return Promise.resolve();
            },
            itemUrl: function (itemId) {
                return options.contextPath + '/browse/' + encodeURIComponent(itemId);
            },
            theme: function () {
                var mode = root.document && root.document.documentElement.getAttribute('data-color-mode');
                return mode === 'dark' ? 'dark' : 'light';
            },
            onThemeChange: function (callback) {
                themeListeners.push(callback);
            },
            today: function () {
                return localDate(new Date());
            },
            timeZone: function () {
                return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
            }
        };
    }

    var api = {jiraHost: jiraHost, reportUrl: reportUrl, hostError: hostError};
    if (typeof module === 'object' && module.exports) {
        module.exports = api;
    } else {
        root.FlowTrackJira = api;
    }
}(typeof window !== 'undefined' ? window : globalThis));

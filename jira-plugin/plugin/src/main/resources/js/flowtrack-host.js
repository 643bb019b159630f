// @ts-check
/*
 * FlowTrack's Jira host for the shared dashboard bundle (io.flowtrack:flowtrack-web, global FlowTrack): a FlowHost
 * over this plugin's REST API, as the logged-in user. Reports from GET report; the user's dashboard controls kept
 * on the server (GET/PUT preferences/{projectKey}: Jira's database, so every cluster node and every browser of the
 * user sees the same choice); issue links to <base>/browse/KEY; the theme from Jira's colour mode
 * (<html data-color-mode="light|dark">, followed while the page is open); today and the time zone from the browser.
 * A project's boards and a board's saved filter come from Jira Software's REST API (/rest/agile/1.0/), asked with the
 * user's own session; a board's report is the report of its saved filter (filter=ID&project=KEY).
 * Plain ES2017, no build step; also loadable by Node for its tests (module.exports).
 */
/**
 * The contract of the shared dashboards (web/src/types.ts), checked by web's `npm run typecheck:hosts`
 * (tsconfig.hosts.json) against this file.
 * @typedef {import('../../../../../../web/src/types').FlowHost} FlowHost
 * @typedef {import('../../../../../../web/src/types').ReportQuery} ReportQuery
 * @typedef {import('../../../../../../web/src/types').Controls} Controls
 * @typedef {import('../../../../../../web/src/types').HostError} HostError
 * @typedef {import('../../../../../../web/src/types').HostErrorKind} HostErrorKind
 * @typedef {import('../../../../../../web/src/types').Theme} Theme
 */
(function (root) {
    'use strict';

    var REST = '/rest/flowtrack/1.0/';
    // Jira Software's public REST API (boards live in Jira Software, not in the Jira platform): asked from the
    // browser with the user's own session, so Jira itself checks that the user may see each board.
    var AGILE = '/rest/agile/1.0/';
    var BOARD_PAGE = 50;
    var MAX_BOARD_PAGES = 20;
    var DEFAULT_MESSAGES = {
        boardUnavailable: 'This board does not exist, or you may not see it. Choose another board in the settings.',
        boardWithoutFilter: 'Jira did not name this board\'s saved filter.'
    };
    var REPORT_PARAMETERS = ['from', 'to', 'asOf', 'timeZone', 'startPolicy', 'forecastDays', 'forecastItems'];

    /**
     * The URL of a report request: the selection (project, filter or jql) plus the dashboard's query.
     * @param {string} contextPath
     * @param {{project?: string, filter?: string, jql?: string}} selection
     * @param {ReportQuery} query
     * @returns {string}
     */
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

    /** One page of a project's boards (Jira Software's board list, filtered by project). */
    function boardsUrl(contextPath, projectKey, startAt) {
        var params = new URLSearchParams({projectKeyOrId: projectKey, startAt: String(startAt),
            maxResults: String(BOARD_PAGE)});
        return contextPath + AGILE + 'board?' + params.toString();
    }

    /** A board's configuration: its saved filter (filter.id) and its columns. */
    function boardConfigurationUrl(contextPath, boardId) {
        return contextPath + AGILE + 'board/' + encodeURIComponent(boardId) + '/configuration';
    }

    /**
     * A HostError from a failed answer: the plugin's JSON error body, Jira's own REST error body (errorMessages, as
     * Jira Software's board API answers), or the HTTP status alone.
     */
    /**
     * @param {number} status
     * @param {*} body
     * @returns {HostError}
     */
    function hostError(status, body) {
        if (body && typeof body.error === 'string') {
            return {status: status, code: body.error, kind: kindOf(status, body.error),
                message: String(body.message || body.error)};
        }
        if (body && Array.isArray(body.errorMessages) && body.errorMessages.length) {
            return {status: status, code: 'http_' + status, kind: 'failed',
                message: body.errorMessages.map(String).join(' ')};
        }
        return {status: status, code: 'http_' + status, kind: 'failed', message: 'FlowTrack answered ' + status + '.'};
    }

    /**
     * The dashboards' neutral kind for one of the plugin's error codes: this host knows what its codes mean, the
     * shared bundle reads only the kind. The plugin's only code the dashboards act on is 503 busy; its other codes
     * (too_many_issues, forbidden …) carry their own message.
     * @param {number} status
     * @param {string} code
     * @returns {HostErrorKind}
     */
    function kindOf(status, code) {
        return status === 503 && code === 'busy' ? 'busy' : 'failed';
    }

    /** Jira's context path: AJS's when AJS is there, else the page's ajs-context-path meta tag, else ''. */
    function contextPathOf(win) {
        if (win.AJS && typeof win.AJS.contextPath === 'function') {
            return win.AJS.contextPath();
        }
        var meta = win.document && win.document.querySelector('meta[name="ajs-context-path"]');
        return meta ? meta.getAttribute('content') || '' : '';
    }

    /**
     * Jira 10's colour mode as the page shows it; the original (light-only) theme has no attribute.
     * @returns {Theme}
     */
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
     * The plugin's 503 "busy" (its node computes as many reports as it allows) carries the seconds of its
     * Retry-After header as retryAfterSeconds: the shared dashboards say "busy, retrying" and ask again after them.
     * A Retry-After that is not a number of seconds (an HTTP date, from a proxy) leaves the dashboards' default.
     */
    function withRetryAfter(error, response) {
        if (error.status === 503 && error.code === 'busy') {
            var header = response.headers && typeof response.headers.get === 'function'
                ? response.headers.get('Retry-After') : null;
            if (header !== null && /^\s*\d+\s*$/.test(String(header))) {
                error.retryAfterSeconds = Number(header);
            }
        }
        return error;
    }

    /** GET as the logged-in user; resolves with the parsed JSON, rejects with a HostError. */
    function getJson(doFetch, url, init) {
        return doFetch(url, Object.assign({credentials: 'same-origin'}, init)).then(function (response) {
            return response.text().then(function (text) {
                var body;
                try {
                    body = text ? JSON.parse(text) : null;
                } catch (e) {
                    body = null;
                }
                if (!response.ok) {
                    throw withRetryAfter(hostError(response.status, body), response);
                }
                return body;
            });
        });
    }

    var ACCEPT_JSON = {headers: {'Accept': 'application/json'}};

    /**
     * The boards of a project the user may see, in Jira's order: [{id, name, type}] (all pages, at most
     * MAX_BOARD_PAGES of BOARD_PAGE), or null when Jira has no board API (404: Jira Software is not installed),
     * so that a page simply offers no board choice. Other failures reject with a HostError.
     */
    function projectBoards(options) {
        var doFetch = options.fetch || root.fetch.bind(root);
        var boards = [];

        function page(startAt, n) {
            return getJson(doFetch, boardsUrl(options.contextPath, options.projectKey, startAt), ACCEPT_JSON)
                .then(function (body) {
                    var values = body && Array.isArray(body.values) ? body.values : [];
                    values.forEach(function (board) {
                        if (board && board.id !== undefined && board.id !== null) {
                            boards.push({id: String(board.id), name: String(board.name || board.id),
                                type: board.type ? String(board.type) : null});
                        }
                    });
                    var last = !body || body.isLast !== false || values.length === 0;
                    return last || n + 1 >= MAX_BOARD_PAGES ? boards : page(startAt + values.length, n + 1);
                });
        }

        return page(0, 0).catch(function (error) {
            if (error && error.status === 404 && boards.length === 0) {
                return null;
            }
            throw error;
        });
    }

    /**
     * A board's saved filter id, asked of Jira Software as the user (Jira answers only for boards the user may
     * see). 400/403/404 reject with code board_unavailable and messages.boardUnavailable; a configuration without a
     * filter id with board_without_filter.
     */
    function boardFilter(options) {
        var messages = Object.assign({}, DEFAULT_MESSAGES, options.messages);
        return boardConfiguration(options, messages).then(function (body) {
            var filter = body && body.filter && body.filter.id;
            if (filter === undefined || filter === null || !/^[0-9]+$/.test(String(filter))) {
                throw {status: 502, code: 'board_without_filter', kind: 'failed', message: messages.boardWithoutFilter};
            }
            return String(filter);
        });
    }

    /**
     * A board's configuration as the user; 400, 403 and 404 reject with code board_unavailable (a board id that
     * came from Jira's own list is not malformed, so a 400 is Jira refusing the board; public agent code reports
     * 400s for boards without permission).
     */
    function boardConfiguration(options, messages) {
        var doFetch = options.fetch || root.fetch.bind(root);
        return getJson(doFetch, boardConfigurationUrl(options.contextPath, options.boardId), ACCEPT_JSON)
            .catch(function (error) {
                if (error && (error.status === 400 || error.status === 403 || error.status === 404)) {
                    throw {status: error.status, code: 'board_unavailable', kind: 'failed',
                        message: messages.boardUnavailable};
                }
                throw error;
            });
    }

    /**
     * A board's columns in board order, [{name, statuses: [status id]}] (columnConfig.columns[].statuses[].id),
     * asked as the user like boardFilter.
     */
    function boardColumns(options) {
        var messages = Object.assign({}, DEFAULT_MESSAGES, options.messages);
        return boardConfiguration(options, messages).then(function (body) {
            var columns = body && body.columnConfig && Array.isArray(body.columnConfig.columns)
                ? body.columnConfig.columns : [];
            return columns.map(function (column) {
                var statuses = Array.isArray(column && column.statuses) ? column.statuses : [];
                return {
                    name: String(column && column.name || '').trim(),
                    statuses: statuses.map(function (status) {
                        return status && status.id !== undefined && status.id !== null ? String(status.id) : '';
                    }).filter(function (id) {
                        return id !== '';
                    })
                };
            });
        });
    }

    /**
     * A FlowTrack configuration drafted from a board's columns, for an admin to review and save (the server
     * validates it like any other): one stage per column that has statuses, in board order; a status in two
     * columns stays in the first; the first stage proposed, the last done, the others active, the commitment at
     * the first active stage (with two columns: active, then done). Start policy, SLE and titles are kept from
     * `current` (the configuration being edited) when it has them. Fewer than two columns with statuses cannot
     * make a flow: rejected with code board_columns.
     */
    function configFromColumns(columns, current) {
        var seen = {};
        var names = {};
        var stages = [];
        columns.forEach(function (column) {
            var statuses = column.statuses.filter(function (id) {
                var fresh = !seen[id];
                seen[id] = true;
                return fresh;
            });
            if (!statuses.length) {
                return;
            }
            // Stage names are at most 100 characters (room is left for a " (n)" suffix).
            var base = (column.name || 'Column ' + (stages.length + 1)).slice(0, 90);
            var name = base;
            for (var n = 2; names[name.toLowerCase()]; n++) {
                name = base + ' (' + n + ')';
            }
            names[name.toLowerCase()] = true;
            stages.push({name: name, category: 'active', statuses: statuses});
        });
        if (stages.length < 2) {
            throw {status: 422, code: 'board_columns', kind: 'failed',
                message: 'A flow needs two board columns with statuses.'};
        }
        if (stages.length > 2) {
            stages[0].category = 'proposed';
        }
        stages[stages.length - 1].category = 'done';
        var kept = current && typeof current === 'object' ? current : {};
        return {
            stages: stages,
            commitmentStage: stages[stages.length > 2 ? 1 : 0].name,
            startPolicy: kept.startPolicy === 'last' ? 'last' : 'first',
            sle: kept.sle && typeof kept.sle === 'object' ? kept.sle : null,
            includeTitles: kept.includeTitles === true
        };
    }

    /** Runs start once the page is ready: through AJS.toInit on a Jira page, else at DOMContentLoaded. */
    function whenReady(win, start) {
        if (win.AJS && typeof win.AJS.toInit === 'function') {
            win.AJS.toInit(start);
        } else if (win.document.readyState === 'loading') {
            win.document.addEventListener('DOMContentLoaded', start);
        } else {
            start();
        }
    }

    /**
     * Fills a <select> with "none" (value '') and the boards; the chosen id stays selected, also when it is no
     * longer listed (shown by its id, so that saving a form never drops a choice silently).
     */
    function fillBoardOptions(select, boards, chosen, noneText) {
        var doc = select.ownerDocument;
        var ids = boards.map(function (board) {
            return board.id;
        });
        var entries = [{id: '', name: noneText}].concat(boards);
        if (chosen && ids.indexOf(String(chosen)) < 0) {
            entries.push({id: String(chosen), name: '#' + chosen});
        }
        select.replaceChildren();
        entries.forEach(function (board) {
            var option = doc.createElement('option');
            option.value = board.id;
            option.textContent = board.name;
            option.selected = board.id === String(chosen || '');
            select.appendChild(option);
        });
    }

    /**
     * A FlowHost for a Jira page.
     * @param {object} options
     * @param {string} options.contextPath Jira's context path ('' or '/jira'); see contextPathOf
     * @param {{project?: string, filter?: string, jql?: string, board?: string}} options.selection
     *                            {project: KEY} | {filter: ID, project?: KEY} | {jql: '…', project?: KEY} |
     *                            {board: ID, project: KEY} (the board's saved filter, resolved as the user at the
     *                            first report and asked for as filter=ID&project=KEY)
     * @param {Object<string, string>} [options.messages] translated texts for board errors (boardUnavailable, boardWithoutFilter)
     * @param {string} [options.preferences] the project key whose flow-page controls this host keeps for the user; without
     *                            it (a dashboard item, whose window is its configuration) nothing is kept
     * @param {typeof fetch} [options.fetch] the fetch function (the browser's by default)
     * @param {*} [options.window] the page's window (document, MutationObserver, Date, Intl; the global by default)
     * @returns {FlowHost}
     */
    function jiraHost(options) {
        var win = options.window || root;
        var doFetch = options.fetch || win.fetch.bind(win);
        var doc = win.document;
        /** @type {Array<(theme: Theme) => void>} */
        var themeListeners = [];
        var observer = null;

        var resolved = null;

        function call(url, init) {
            return getJson(doFetch, url, init);
        }

        /** The selection the report resource takes: a board becomes its filter (asked once, again after a failure). */
        function reportSelection() {
            var selection = options.selection;
            if (!selection.board) {
                return Promise.resolve(selection);
            }
            if (!resolved) {
                resolved = boardFilter({contextPath: options.contextPath, fetch: doFetch, boardId: selection.board,
                    messages: options.messages}).then(function (filter) {
                    return {filter: filter, project: selection.project};
                });
                resolved.catch(function () {
                    resolved = null;
                });
            }
            return resolved;
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
                return reportSelection().then(function (selection) {
                    return call(reportUrl(options.contextPath, selection, query), ACCEPT_JSON);
                });
            },
            loadControls: function () {
                if (!options.preferences) {
                    return Promise.resolve(null);
                }
                return call(preferencesUrl(options.contextPath, options.preferences),
                    ACCEPT_JSON).then(function (body) {
                    return body && body.controls ? body.controls : null;
                });
            },
            saveControls: function (controls) {
                if (!options.preferences) {
                    return Promise.resolve();
                }
                return call(preferencesUrl(options.contextPath, options.preferences), {
                    method: 'PUT',
                    // Jira's XSRF check does not apply to a JSON request; the header says so explicitly, as
                    // Atlassian's own scripts do, in case REST v2 checks non-GET calls (docs/jira-plugin.md).
                    headers: {'Accept': 'application/json', 'Content-Type': 'application/json',
                        'X-Atlassian-Token': 'no-check'},
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
                // Each subscription is its own entry, so the same callback subscribed twice unsubscribes once.
                var listener = function (/** @type {Theme} */ theme) {
                    callback(theme);
                };
                themeListeners.push(listener);
                watchTheme();
                return function () {
                    var at = themeListeners.indexOf(listener);
                    if (at >= 0) {
                        themeListeners.splice(at, 1);
                    }
                };
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
        contextPathOf: contextPathOf, projectBoards: projectBoards, fillBoardOptions: fillBoardOptions,
        boardColumns: boardColumns, configFromColumns: configFromColumns, whenReady: whenReady, boardFilter: boardFilter, boardsUrl: boardsUrl,
        boardConfigurationUrl: boardConfigurationUrl};
    if (typeof module === 'object' && module.exports) {
        module.exports = api;
    } else {
        root.FlowTrackJira = api;
    }
}(typeof window !== 'undefined' ? window : globalThis));

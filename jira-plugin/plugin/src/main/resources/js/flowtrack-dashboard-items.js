/*
 * FlowTrack dashboard items: one AMD module per chart ("flowtrack/dashboard-item/<kind>"), each configured on the
 * dashboard (project key, then optionally one of the project's boards or a saved filter id; window) like Jira's own
 * gadgets. The chart is drawn by the shared dashboard bundle (global FlowTrack.mountChart) through the Jira host
 * (FlowTrackJira, js/flowtrack-host.js).
 *
 * This small loader is all that is in the atl.dashboard context (every dashboard view downloads it). The ~630 KB
 * bundle (web-resource flowtrack-dashboard) is asked for with WRM.require only when a FlowTrack item renders or is
 * edited, once per page (docs/jira-plugin.md, "Dashboard items").
 */
(function () {
    'use strict';
    /** The web-resource with the bundle and the host; the plugin key is fixed (io.flowtrack.jira, the pom's). */
    var BUNDLE = 'wr!io.flowtrack.jira:flowtrack-dashboard';
    var loading = null;

    /** Resolves once FlowTrack and FlowTrackJira are on the page (asked for at most once at a time). */
    function bundle() {
        if (window.FlowTrack && window.FlowTrackJira) {
            return Promise.resolve();
        }
        if (!loading) {
            if (!window.WRM || typeof window.WRM.require !== 'function') {
                return Promise.reject(new Error(AJS.I18n.getText('flowtrack.gadget.loadfailed')));
            }
            // WRM.require answers with a jQuery promise; Promise.resolve adopts it.
            loading = Promise.resolve(window.WRM.require([BUNDLE])).then(function () {
                if (!window.FlowTrack || !window.FlowTrackJira) {
                    throw new Error(AJS.I18n.getText('flowtrack.gadget.loadfailed'));
                }
            }, function () {
                throw new Error(AJS.I18n.getText('flowtrack.gadget.loadfailed'));
            });
            loading.catch(function () {
                loading = null; // asked again at the next render
            });
        }
        return loading;
    }

    function text(node, value) {
        node.textContent = value;
        return node;
    }

    /** An AUI field group: the label, then the control, both named and tied by a fresh id. */
    function labelled(form, name, label, control) {
        var wrapper = document.createElement('div');
        wrapper.className = 'field-group';
        var l = text(document.createElement('label'), label);
        control.name = name;
        control.id = 'flowtrack-' + name + '-' + Math.random().toString(36).slice(2);
        l.setAttribute('for', control.id);
        wrapper.appendChild(l);
        wrapper.appendChild(control);
        form.appendChild(wrapper);
        return control;
    }

    function field(form, name, label, value) {
        var input = document.createElement('input');
        input.className = 'text';
        input.value = value || '';
        return labelled(form, name, label, input);
    }

    // The windows the shared dashboard offers ("last 30, 90 or 180 days"); an item's window is one of them.
    var WINDOWS = ['30', '90', '180'];

    function windowDays(preferences) {
        return WINDOWS.indexOf(String(preferences.days)) >= 0 ? Number(preferences.days) : 90;
    }

    /**
     * The charts whose figures are day counts (cycle time, age, forecasts); their items can count working days
     * (the project's calendar, docs/metrics.md §12.3). Saved as the preference countIn, passed as the control days.
     */
    var DAY_KINDS = ['scatter', 'aging', 'histogram', 'forecast-when', 'forecast-how-many'];

    function countIn(preferences) {
        return preferences.countIn === 'working' ? 'working' : 'calendar';
    }

    /** What the item fixes of the shared controls: its window, and for day-count charts calendar or working days. */
    function fixedControls(kind, preferences) {
        var fixed = {window: {kind: 'last', days: windowDays(preferences)}};
        if (DAY_KINDS.indexOf(kind) >= 0) {
            fixed.days = countIn(preferences);
        }
        return fixed;
    }

    function choice(form, name, label, values, value) {
        var select = document.createElement('select');
        select.className = 'select';
        values.forEach(function (v) {
            var option = text(document.createElement('option'), v);
            option.value = v;
            option.selected = v === value;
            select.appendChild(option);
        });
        return labelled(form, name, label, select);
    }

    /** Board errors in the user's language (jsI18n). */
    function boardMessages() {
        return {
            boardUnavailable: AJS.I18n.getText('flowtrack.board.unavailable'),
            boardWithoutFilter: AJS.I18n.getText('flowtrack.board.nofilter')
        };
    }

    /**
     * What an item reports: a saved filter, else a board of the project (its saved filter, resolved by the host as
     * the user), else the whole project. The edit form never saves a filter and a board together.
     */
    function selectionOf(preferences) {
        if (preferences.filter) {
            return {filter: preferences.filter, project: preferences.project};
        }
        if (preferences.board) {
            return {board: preferences.board, project: preferences.project};
        }
        return {project: preferences.project};
    }

    /**
     * The optional board choice of the edit form: absent until the project's boards are known, and absent for good
     * without Jira Software (its board API answers 404) or when the project has no board.
     */
    function boardChoice(form, before, savedProject, savedBoard) {
        var select = document.createElement('select');
        select.className = 'select';
        labelled(form, 'board', AJS.I18n.getText('flowtrack.board.label'), select);
        var group = select.parentNode;
        form.insertBefore(group, before);
        var note = text(document.createElement('div'), '');
        note.className = 'description ft-jira-board-note';
        group.appendChild(note);
        group.hidden = true;
        var asked = 0;
        var loaded = null;
        return {
            select: select,
            /** The boards of projectKey; nothing happens when they are already shown (no layout jump). */
            load: function (projectKey, then) {
                if (projectKey === loaded) {
                    return;
                }
                loaded = projectKey;
                var mine = ++asked;
                // While another project's boards are asked, none of the old ones can be chosen.
                fillBoardOptions(select, [], '');
                select.disabled = true;
                if (!projectKey) {
                    group.hidden = true;
                    then();
                    return;
                }
                window.FlowTrackJira.projectBoards({contextPath: window.FlowTrackJira.contextPathOf(window),
                    projectKey: projectKey}).then(function (boards) {
                    if (mine !== asked) {
                        return;
                    }
                    note.textContent = '';
                    select.disabled = false;
                    group.hidden = true;
                    // The saved board stays chosen only for the project it belongs to.
                    var chosen = projectKey === savedProject ? savedBoard : '';
                    if (boards && (boards.length || chosen)) {
                        fillBoardOptions(select, boards, chosen);
                        group.hidden = false;
                    }
                    then();
                }, function (error) {
                    if (mine !== asked) {
                        return;
                    }
                    note.textContent = AJS.I18n.getText('flowtrack.board.failed') + ' '
                        + String(error && error.message || error);
                    group.hidden = false;
                    select.hidden = true;
                    select.disabled = false;
                    then();
                });
            }
        };
    }

    function fillBoardOptions(select, boards, chosen) {
        select.hidden = false;
        window.FlowTrackJira.fillBoardOptions(select, boards, chosen, AJS.I18n.getText('flowtrack.board.none'));
    }

    function item(kind) {
        function DashboardItem(API) {
            this.API = API;
            this.mounted = null;
        }

        /** The chart drawn last (its ECharts instance and observers) goes before anything else is drawn. */
        DashboardItem.prototype.unmount = function () {
            if (this.mounted) {
                this.mounted.destroy();
                this.mounted = null;
            }
        };

        DashboardItem.prototype.render = function (context, preferences) {
            var element = context[0] || context;
            var api = this.API;
            var self = this;
            var drawing = this.drawing = {};
            this.unmount();
            element.innerHTML = '';
            if (!preferences || (!preferences.project && !preferences.filter)) {
                element.appendChild(text(document.createElement('p'),
                    AJS.I18n.getText('flowtrack.gadget.configure')));
                api.resize();
                return;
            }
            var chart = document.createElement('div');
            chart.className = 'ft-jira ft-jira-item';
            element.appendChild(chart);
            var fixed = fixedControls(kind, preferences);
            bundle().then(function () {
                if (self.drawing !== drawing) {
                    return null; // rendered again (or edited) while the bundle loaded
                }
                var host = window.FlowTrackJira.jiraHost({
                    contextPath: window.FlowTrackJira.contextPathOf(window),
                    selection: selectionOf(preferences),
                    messages: boardMessages()
                });
                return window.FlowTrack.mountChart(chart, kind, host, fixed);
            }).then(function (mounted) {
                    if (!mounted) {
                        return;
                    }
                    if (self.drawing !== drawing) {
                        mounted.destroy();
                        return;
                    }
                    self.mounted = mounted;
                    api.resize();
                }, function (error) {
                    element.appendChild(text(document.createElement('p'), String(error && error.message || error)));
                    api.resize();
                });
        };

        DashboardItem.prototype.renderEdit = function (context, preferences) {
            var element = context[0] || context;
            var api = this.API;
            var self = this;
            var editing = this.drawing = {};
            this.unmount();
            element.innerHTML = '';
            // The form's board choice asks Jira through the host, which is in the bundle.
            bundle().then(function () {
                if (self.drawing === editing) {
                    editForm(element, api, preferences, kind);
                }
            }, function (error) {
                element.appendChild(text(document.createElement('p'), String(error && error.message || error)));
                api.resize();
            });
        };
        return DashboardItem;
    }

    /** The item's edit form (the bundle is loaded). */
    function editForm(element, api, preferences, kind) {
        var form = document.createElement('form');
        form.className = 'aui';
        var project = field(form, 'project', AJS.I18n.getText('flowtrack.gadget.project'), preferences.project);
        var filter = field(form, 'filter', AJS.I18n.getText('flowtrack.gadget.filter'), preferences.filter);
        var board = boardChoice(form, filter.parentNode, (preferences.project || '').trim(),
            preferences.board || '');
        var days = choice(form, 'days', AJS.I18n.getText('flowtrack.gadget.days'), WINDOWS,
            String(windowDays(preferences)));
        var counted = null;
        if (DAY_KINDS.indexOf(kind) >= 0) {
            counted = document.createElement('select');
            counted.className = 'select';
            [['calendar', 'flowtrack.gadget.countin.calendar'], ['working', 'flowtrack.gadget.countin.working']]
                .forEach(function (v) {
                    var option = text(document.createElement('option'), AJS.I18n.getText(v[1]));
                    option.value = v[0];
                    option.selected = v[0] === countIn(preferences);
                    counted.appendChild(option);
                });
            labelled(form, 'countIn', AJS.I18n.getText('flowtrack.gadget.countin'), counted);
        }
        var problem = text(document.createElement('div'), '');
        problem.className = 'error ft-jira-form-error';
        problem.setAttribute('role', 'alert');
        form.appendChild(problem);
        var save = document.createElement('input');
        save.type = 'submit';
        save.className = 'aui-button aui-button-primary';
        save.value = AJS.I18n.getText('flowtrack.gadget.save');
        form.appendChild(save);
        form.addEventListener('submit', function (event) {
            event.preventDefault();
            var chosen = board.select.hidden || board.select.disabled ? '' : board.select.value;
            if (chosen && filter.value.trim()) {
                problem.textContent = AJS.I18n.getText('flowtrack.gadget.board.both');
                api.resize();
                return;
            }
            problem.textContent = '';
            var saved = {project: project.value.trim(), filter: filter.value.trim(), board: chosen, days: days.value};
            if (counted) {
                saved.countIn = counted.value === 'working' ? 'working' : 'calendar';
            }
            api.savePreferences(saved);
        });
        project.addEventListener('change', function () {
            board.load(project.value.trim(), api.resize);
        });
        element.appendChild(form);
        board.load((preferences.project || '').trim(), api.resize);
        api.resize();
    }

    // One module per dashboard item; the names are literal so the build can check the descriptor against them.
    define('flowtrack/dashboard-item/scatter', [], function () {
        return item('scatter');
    });
    define('flowtrack/dashboard-item/aging', [], function () {
        return item('aging');
    });
    define('flowtrack/dashboard-item/cfd', [], function () {
        return item('cfd');
    });
    define('flowtrack/dashboard-item/throughput', [], function () {
        return item('throughput');
    });
    define('flowtrack/dashboard-item/wip', [], function () {
        return item('wip');
    });
    define('flowtrack/dashboard-item/histogram', [], function () {
        return item('histogram');
    });
    define('flowtrack/dashboard-item/forecast-when', [], function () {
        return item('forecast-when');
    });
    define('flowtrack/dashboard-item/forecast-how-many', [], function () {
        return item('forecast-how-many');
    });
    define('flowtrack/dashboard-item/stage-breakdown', [], function () {
        return item('stage-breakdown');
    });
    define('flowtrack/dashboard-item/weekly-throughput', [], function () {
        return item('weekly-throughput');
    });
    define('flowtrack/dashboard-item/throughput-histogram', [], function () {
        return item('throughput-histogram');
    });
    define('flowtrack/dashboard-item/throughput-histogram-weekly', [], function () {
        return item('throughput-histogram-weekly');
    });
}());

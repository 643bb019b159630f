/*
 * The FlowTrack settings page of a project: with Jira Software, "Fill from a board" drafts the configuration from
 * one of the project's boards (its columns become stages, their statuses the stages' statuses; see
 * FlowTrackJira.configFromColumns). The draft goes into the editor only: nothing is saved until the admin reviews
 * it and presses Save, which validates and audits it like every configuration. Boards and columns are asked of
 * Jira Software as the admin (FlowTrackJira, js/flowtrack-host.js); without Jira Software nothing is offered.
 *
 * The working calendar and the blocked field have controls of their own (weekday boxes, a holidays field, the field
 * name) that write into the same JSON editor: the editor stays the one thing that is saved, so the server (the
 * engine's WorkingCalendar) checks a calendar made with the controls exactly like one typed as JSON. The controls
 * start from the editor's JSON. Plain ES5, no build step; also loadable by Node for its tests (module.exports).
 */
(function (root) {
    'use strict';

    var WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
    var MONDAY_TO_FRIDAY = WEEKDAYS.slice(0, 5);
    var DEFAULT_BLOCKED_FIELD = 'Flagged';

    /** The controls' state from a configuration: {on, days, holidays (text), blockedField}. */
    function calendarControls(config) {
        var calendar = config && config.calendar;
        var days = calendar && Array.isArray(calendar.workingDays) ? calendar.workingDays.map(function (d) {
            return String(d).toUpperCase();
        }) : MONDAY_TO_FRIDAY;
        return {
            on: !!calendar,
            days: WEEKDAYS.filter(function (d) {
                return days.some(function (given) {
                    return given === d || (given.length === 3 && d.indexOf(given) === 0);
                });
            }),
            holidays: calendar && Array.isArray(calendar.holidays) ? calendar.holidays.join(', ') : '',
            blockedField: config && typeof config.blockedField === 'string' ? config.blockedField : DEFAULT_BLOCKED_FIELD
        };
    }

    /**
     * The configuration with the controls' calendar and blocked field; every other field as it was. Holidays are
     * split at commas, spaces and line breaks and left as typed: the server checks each date and names a bad one.
     */
    function withCalendar(config, controls) {
        var next = {};
        Object.keys(config || {}).forEach(function (key) {
            next[key] = config[key];
        });
        next.blockedField = controls.blockedField && controls.blockedField.trim()
            ? controls.blockedField.trim() : DEFAULT_BLOCKED_FIELD;
        if (!controls.on) {
            next.calendar = null;
            return next;
        }
        next.calendar = {
            workingDays: WEEKDAYS.filter(function (d) {
                return controls.days.indexOf(d) >= 0;
            }),
            holidays: String(controls.holidays || '').split(/[\s,;]+/).filter(function (h) {
                return h.length > 0;
            })
        };
        return next;
    }

    /** A board's draft keeps the editor's calendar and blocked field (a board has neither). */
    function keepCalendar(draft, current) {
        if (current && typeof current === 'object') {
            if (typeof current.blockedField === 'string') {
                draft.blockedField = current.blockedField;
            }
            if (current.calendar !== undefined) {
                draft.calendar = current.calendar;
            }
        }
        return draft;
    }

    /** Wires the calendar controls of the page to its JSON editor. */
    function startCalendar(doc, editor) {
        var place = doc.getElementById('flowtrack-calendar');
        if (!place || place.getAttribute('data-started')) {
            return;
        }
        place.setAttribute('data-started', 'true');
        var on = doc.getElementById('flowtrack-calendar-on');
        var holidays = doc.getElementById('flowtrack-holidays');
        var field = doc.getElementById('flowtrack-blocked-field');
        var note = doc.getElementById('flowtrack-calendar-note');
        var boxes = WEEKDAYS.map(function (d) {
            return doc.getElementById('flowtrack-day-' + d);
        });

        function parsed() {
            try {
                var config = JSON.parse(editor.value);
                return config && typeof config === 'object' && !Array.isArray(config) ? config : null;
            } catch (e) {
                return null;
            }
        }

        function show(config) {
            var c = calendarControls(config);
            on.checked = c.on;
            boxes.forEach(function (box, i) {
                box.checked = c.days.indexOf(WEEKDAYS[i]) >= 0;
                box.disabled = !c.on;
            });
            holidays.value = c.holidays;
            holidays.disabled = !c.on;
            field.value = c.blockedField;
        }

        function write() {
            var config = parsed();
            if (!config) {
                note.textContent = AJS.I18n.getText('flowtrack.admin.calendar.badjson');
                return;
            }
            var next = withCalendar(config, {
                on: on.checked,
                days: WEEKDAYS.filter(function (d, i) {
                    return boxes[i].checked;
                }),
                holidays: holidays.value,
                blockedField: field.value
            });
            editor.value = JSON.stringify(next, null, 2);
            boxes.forEach(function (box) {
                box.disabled = !on.checked;
            });
            holidays.disabled = !on.checked;
            note.textContent = AJS.I18n.getText('flowtrack.admin.calendar.written');
        }

        show(parsed());
        [on, holidays, field].concat(boxes).forEach(function (control) {
            control.addEventListener('change', write);
        });
        editor.addEventListener('change', function () {
            var config = parsed();
            if (config) {
                show(config);
            }
        });
    }

    function start() {
        var place = document.getElementById('flowtrack-board-seed');
        var editor = document.getElementById('flowtrack-config');
        if (editor) {
            startCalendar(document, editor);
        }
        if (!place || !editor || place.getAttribute('data-started')) {
            return;
        }
        place.setAttribute('data-started', 'true');
        var jira = window.FlowTrackJira;
        var contextPath = jira.contextPathOf(window);
        var messages = {
            boardUnavailable: AJS.I18n.getText('flowtrack.board.unavailable'),
            boardWithoutFilter: AJS.I18n.getText('flowtrack.board.nofilter')
        };
        jira.projectBoards({contextPath: contextPath, projectKey: place.getAttribute('data-project-key')})
            .then(function (boards) {
                if (!boards || !boards.length) {
                    return;
                }
                var group = document.createElement('div');
                group.className = 'field-group';
                var label = document.createElement('label');
                label.setAttribute('for', 'flowtrack-seed-board');
                label.textContent = AJS.I18n.getText('flowtrack.admin.seed.label');
                var select = document.createElement('select');
                select.className = 'select';
                select.id = 'flowtrack-seed-board';
                boards.forEach(function (board) {
                    var option = document.createElement('option');
                    option.value = board.id;
                    option.textContent = board.name;
                    select.appendChild(option);
                });
                var button = document.createElement('button');
                button.type = 'button';
                button.className = 'aui-button';
                button.id = 'flowtrack-seed';
                button.textContent = AJS.I18n.getText('flowtrack.admin.seed.button');
                var note = document.createElement('div');
                note.className = 'description';
                note.setAttribute('role', 'status');
                note.textContent = AJS.I18n.getText('flowtrack.admin.seed.help');
                button.addEventListener('click', function () {
                    button.disabled = true;
                    var name = select.options[select.selectedIndex].textContent;
                    jira.boardColumns({contextPath: contextPath, boardId: select.value, messages: messages})
                        .then(function (columns) {
                            var current;
                            try {
                                current = JSON.parse(editor.value);
                            } catch (e) {
                                current = null;
                            }
                            editor.value = JSON.stringify(keepCalendar(jira.configFromColumns(columns, current),
                                current), null, 2);
                            editor.dispatchEvent(new Event('change'));
                            note.textContent = AJS.I18n.getText('flowtrack.admin.seed.done') + ' ' + name;
                        }, function (error) {
                            note.textContent = error && error.code === 'board_columns'
                                ? AJS.I18n.getText('flowtrack.admin.seed.columns')
                                : String(error && error.message || error);
                        }).then(function () {
                            button.disabled = false;
                        });
                });
                group.appendChild(label);
                group.appendChild(select);
                group.appendChild(button);
                group.appendChild(note);
                place.appendChild(group);
            }, function (error) {
                place.textContent = AJS.I18n.getText('flowtrack.board.failed') + ' '
                    + String(error && error.message || error);
            });
    }

    var api = {calendarControls: calendarControls, withCalendar: withCalendar, keepCalendar: keepCalendar,
        WEEKDAYS: WEEKDAYS};
    if (typeof module === 'object' && module.exports) {
        module.exports = api;
    } else {
        root.FlowTrackJira.whenReady(root, start);
    }
}(typeof window !== 'undefined' ? window : globalThis));

/*
 * The FlowTrack settings page of a project: with Jira Software, "Fill from a board" drafts the configuration from
 * one of the project's boards (its columns become stages, their statuses the stages' statuses; see
 * FlowTrackJira.configFromColumns). The draft goes into the editor only: nothing is saved until the admin reviews
 * it and presses Save, which validates and audits it like every configuration. Boards and columns are asked of
 * Jira Software as the admin (FlowTrackJira, js/flowtrack-host.js); without Jira Software nothing is offered.
 */
(function () {
    'use strict';

    function start() {
        var place = document.getElementById('flowtrack-board-seed');
        var editor = document.getElementById('flowtrack-config');
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
                            var current = null;
                            try {
                                current = JSON.parse(editor.value);
                            } catch (e) {
                                current = null;
                            }
                            editor.value = JSON.stringify(jira.configFromColumns(columns, current), null, 2);
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

    window.FlowTrackJira.whenReady(window, start);
}());

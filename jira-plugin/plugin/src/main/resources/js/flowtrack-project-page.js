/*
 * A project's flow page: the whole shared dashboard (FlowTrack.mountDashboard) for the project named by the page's
 * #flowtrack-project element, through the Jira host, with the user's controls kept on the server for this project.
 * With Jira Software, the project's boards are offered above the dashboard (none = the whole project); the chosen
 * board is in the page's address (?board=ID), so it can be bookmarked and shared, and its report is the board's
 * saved filter's, resolved by the host as the user.
 */
(function () {
    'use strict';

    function start() {
        var element = document.getElementById('flowtrack-project');
        if (!element || element.getAttribute('data-mounted')) {
            return;
        }
        element.setAttribute('data-mounted', 'true');
        var projectKey = element.getAttribute('data-project-key');
        var contextPath = window.FlowTrackJira.contextPathOf(window);
        var board = new URLSearchParams(window.location.search).get('board') || '';
        var mounted = null;
        var drawing = null;

        function mount() {
            var mine = drawing = {};
            if (mounted) {
                mounted.destroy();
                mounted = null;
            }
            var host = window.FlowTrackJira.jiraHost({
                contextPath: contextPath,
                selection: board ? {board: board, project: projectKey} : {project: projectKey},
                preferences: projectKey,
                messages: {
                    boardUnavailable: AJS.I18n.getText('flowtrack.board.unavailable'),
                    boardWithoutFilter: AJS.I18n.getText('flowtrack.board.nofilter')
                }
            });
            // Each dashboard gets its own box: one still starting when the board changes fills a box that is
            // no longer on the page, and is destroyed when it is ready.
            var box = document.createElement('div');
            element.replaceChildren(box);
            window.FlowTrack.mountDashboard(box, host).then(function (done) {
                if (drawing !== mine) {
                    done.destroy();
                } else {
                    mounted = done;
                }
            }, function (error) {
                if (drawing !== mine) {
                    return;
                }
                var message = document.createElement('div');
                message.className = 'aui-message aui-message-error';
                message.textContent = AJS.I18n.getText('flowtrack.project.failed') + ' '
                    + String(error && error.message || error);
                element.replaceChildren(message);
            });
        }

        /** The board choice above the dashboard: only with Jira Software and when the project has boards. */
        function offerBoards() {
            window.FlowTrackJira.projectBoards({contextPath: contextPath, projectKey: projectKey})
                .then(function (boards) {
                    if (!boards || (!boards.length && !board)) {
                        return;
                    }
                    var form = document.createElement('form');
                    form.className = 'aui ft-jira-board-form';
                    form.addEventListener('submit', function (event) {
                        event.preventDefault();
                    });
                    var group = document.createElement('div');
                    group.className = 'field-group';
                    var label = document.createElement('label');
                    label.textContent = AJS.I18n.getText('flowtrack.board.label');
                    label.setAttribute('for', 'flowtrack-board');
                    var select = document.createElement('select');
                    select.className = 'select';
                    select.id = 'flowtrack-board';
                    select.name = 'board';
                    window.FlowTrackJira.fillBoardOptions(select, boards, board,
                        AJS.I18n.getText('flowtrack.board.none'));
                    select.addEventListener('change', function () {
                        board = select.value;
                        var url = new URL(window.location.href);
                        if (board) {
                            url.searchParams.set('board', board);
                        } else {
                            url.searchParams.delete('board');
                        }
                        window.history.replaceState(null, '', url.toString());
                        mount();
                    });
                    group.appendChild(label);
                    group.appendChild(select);
                    form.appendChild(group);
                    element.parentNode.insertBefore(form, element);
                }, function (error) {
                    var note = document.createElement('div');
                    note.className = 'aui-message aui-message-warning ft-jira-board-form';
                    note.textContent = AJS.I18n.getText('flowtrack.board.failed') + ' '
                        + String(error && error.message || error);
                    element.parentNode.insertBefore(note, element);
                });
        }

        offerBoards();
        mount();
    }

    window.FlowTrackJira.whenReady(window, start);
}());

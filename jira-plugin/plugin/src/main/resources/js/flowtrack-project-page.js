/*
 * A project's flow page: the whole shared dashboard (FlowTrack.mountDashboard) for the project named by the page's
 * #flowtrack-project element, through the Jira host, with the user's controls kept on the server for this project.
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
        var host = window.FlowTrackJira.jiraHost({
            contextPath: window.FlowTrackJira.contextPathOf(window),
            selection: {project: projectKey},
            preferences: projectKey
        });
        window.FlowTrack.mountDashboard(element, host).catch(function (error) {
            var message = document.createElement('div');
            message.className = 'aui-message aui-message-error';
            message.textContent = AJS.I18n.getText('flowtrack.project.failed') + ' '
                + String(error && error.message || error);
            element.replaceChildren(message);
        });
    }

    if (window.AJS && typeof AJS.toInit === 'function') {
        AJS.toInit(start);
    } else if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
}());

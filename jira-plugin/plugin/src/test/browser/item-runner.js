// Jira's dashboard for one FlowTrack item, in the browser tests: the item's AMD module rendered with the
// preferences in the query string (?kind=scatter&project=FT&filter=&board=&days=90), or its edit form (&edit=1).
(function () {
    'use strict';
    var query = new URLSearchParams(location.search);
    var Item = window.require('flowtrack/dashboard-item/' + query.get('kind'));
    var element = document.getElementById('dashboard-item');
    window.savedPreferences = null;
    window.resized = 0;
    var item = new Item({
        resize: function () {
            window.resized++;
        },
        savePreferences: function (preferences) {
            window.savedPreferences = preferences;
        }
    });
    var preferences = {project: query.get('project') || '', filter: query.get('filter') || '',
        board: query.get('board') || '', days: query.get('days')};
    // Jira renders an item again after its configuration is saved.
    window.renderAgain = function () {
        item.render(element, preferences);
    };
    if (query.get('edit')) {
        item.renderEdit(element, preferences);
    } else {
        item.render(element, preferences);
    }
}());

/*
 * FlowTrack dashboard items: one AMD module per chart ("flowtrack/dashboard-item/<kind>"), each configured on the
 * dashboard (project key or saved filter id, window) like Jira's own gadgets. The chart is drawn by the shared
 * dashboard bundle (global FlowTrack.mountChart, a dependency of this web-resource) through the Jira host
 * (FlowTrackJira, js/flowtrack-host.js).
 */
(function () {
    'use strict';
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
            var selection = preferences.filter ? {filter: preferences.filter, project: preferences.project}
                : {project: preferences.project};
            var host = window.FlowTrackJira.jiraHost({
                contextPath: window.FlowTrackJira.contextPathOf(window),
                selection: selection
            });
            var chart = document.createElement('div');
            chart.className = 'ft-jira ft-jira-item';
            element.appendChild(chart);
            var days = windowDays(preferences);
            window.FlowTrack.mountChart(chart, kind, host, {window: {kind: 'last', days: days}})
                .then(function (mounted) {
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
            this.drawing = null;
            this.unmount();
            element.innerHTML = '';
            var form = document.createElement('form');
            form.className = 'aui';
            var project = field(form, 'project', AJS.I18n.getText('flowtrack.gadget.project'), preferences.project);
            var filter = field(form, 'filter', AJS.I18n.getText('flowtrack.gadget.filter'), preferences.filter);
            var days = choice(form, 'days', AJS.I18n.getText('flowtrack.gadget.days'), WINDOWS,
                String(windowDays(preferences)));
            var save = document.createElement('input');
            save.type = 'submit';
            save.className = 'aui-button aui-button-primary';
            save.value = AJS.I18n.getText('flowtrack.gadget.save');
            form.appendChild(save);
            form.addEventListener('submit', function (event) {
                event.preventDefault();
                api.savePreferences({project: project.value.trim(), filter: filter.value.trim(),
                    days: days.value});
            });
            element.appendChild(form);
            api.resize();
        };
        return DashboardItem;
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
}());

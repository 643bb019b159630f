// What a Jira page gives the plugin's scripts before they run, in the browser tests: AJS (context path, toInit;
// AJS.I18n.getText is gone because Jira's jsI18n transformer replaced every call when it served the script, as the
// test server does) and an AMD loader with define.amd set, as Jira's is.
(function () {
    'use strict';
    var modules = {};
    window.AJS = {
        contextPath: function () {
            return document.querySelector('meta[name="ajs-context-path"]').getAttribute('content');
        },
        toInit: function (callback) {
            if (document.readyState === 'loading') {
                document.addEventListener('DOMContentLoaded', callback);
            } else {
                callback();
            }
        },
        I18n: {
            getText: function (key) {
                throw new Error('AJS.I18n.getText(' + key + ') reached the browser: the jsI18n transform missed it');
            }
        }
    };
    window.define = function (name, deps, factory) {
        if (typeof name !== 'string') {
            throw new Error('anonymous define(): a script registered itself with the page\'s AMD loader');
        }
        modules[name] = factory;
    };
    window.define.amd = {jQuery: true};
    window.require = function (name) {
        if (!modules[name]) {
            throw new Error('no AMD module ' + name);
        }
        return modules[name]();
    };
}());

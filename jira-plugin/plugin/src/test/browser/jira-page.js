// What a Jira page gives the plugin's scripts before they run, in the browser tests: AJS (context path, toInit;
// AJS.I18n.getText is gone because Jira's jsI18n transformer replaced every call when it served the script, as the
// test server does), an AMD loader with define.amd set, as Jira's is, and WRM.require for lazy web-resources.
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
    // WRM.require('wr!<plugin>:<web-resource>'), as Jira's web-resource manager answers it: the test server names
    // the module's resources in load order (dependencies first, from the packaged descriptor); those not yet on
    // the page are added one after the other; the answer is a thenable (WRM's is a jQuery promise).
    window.WRM = {
        require: function (keys) {
            var list = Array.isArray(keys) ? keys : [keys];
            window.WRM.required = (window.WRM.required || []).concat(list);
            return list.reduce(function (done, key) {
                return done.then(function () {
                    if (key.indexOf('wr!') !== 0) {
                        throw new Error('WRM.require(' + key + '): only wr! keys are emulated');
                    }
                    var module = key.slice(3);
                    var context = document.querySelector('meta[name="ajs-context-path"]').getAttribute('content');
                    return fetch(context + '/test/wrm?key=' + encodeURIComponent(module)).then(function (r) {
                        if (!r.ok) {
                            throw new Error('WRM.require(' + key + '): ' + r.status);
                        }
                        return r.json();
                    }).then(function (urls) {
                        return urls.reduce(function (previous, url) {
                            return previous.then(function () {
                                return add(url);
                            });
                        }, Promise.resolve());
                    });
                });
            }, Promise.resolve());
        }
    };

    function add(url) {
        var css = /\.css$/.test(url);
        if (document.querySelector(css ? 'link[href="' + url + '"]' : 'script[src="' + url + '"]')) {
            return Promise.resolve();
        }
        return new Promise(function (resolve, reject) {
            var node = document.createElement(css ? 'link' : 'script');
            node.onload = resolve;
            node.onerror = function () {
                reject(new Error('could not load ' + url));
            };
            if (css) {
                node.rel = 'stylesheet';
                node.href = url;
            } else {
                node.src = url;
            }
            document.head.appendChild(node);
        });
    }
    window.require = function (name) {
        if (!modules[name]) {
            throw new Error('no AMD module ' + name);
        }
        return modules[name]();
    };
}());

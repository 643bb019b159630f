// node --test: the Jira FlowHost builds report URLs with the plugin's parameter names and turns error bodies into
// HostErrors, as the shared dashboard bundle's contract asks.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const {jiraHost, reportUrl} = require('../../main/resources/js/flowtrack-host.js');

test('report URLs carry the selection and the dashboard query', () => {
    const url = reportUrl('/jira', {filter: 10100, project: 'FT'}, {
        from: '2024-01-01', to: '2024-03-31', timeZone: 'Europe/Berlin', types: ['Story', 'Bug'],
        startPolicy: 'last', forecastItems: 20, asOf: undefined
    });
    const parsed = new URL(url, 'http://jira.example');
    assert.strictEqual(parsed.pathname, '/jira/rest/flowtrack/1.0/report');
    assert.deepStrictEqual(Object.fromEntries(parsed.searchParams), {
        project: 'FT', filter: '10100', from: '2024-01-01', to: '2024-03-31', timeZone: 'Europe/Berlin',
        startPolicy: 'last', forecastItems: '20', types: 'Story,Bug'
    });
});

function fakeFetch(status, body, calls) {
    return (url, init) => {
        calls.push({url, init});
        return Promise.resolve({ok: status < 400, status, text: () => Promise.resolve(body)});
    };
}

test('a report is fetched as the logged-in user and resolves with the JSON', async () => {
    const calls = [];
    const host = jiraHost({contextPath: '', selection: {project: 'FT'}, storageKey: 'k', storage: null,
        fetch: fakeFetch(200, '{"format":"flowtrack-report/1"}', calls)});
    const report = await host.fetchReport({from: '2024-01-01', to: '2024-01-31', timeZone: 'UTC'});
    assert.strictEqual(report.format, 'flowtrack-report/1');
    assert.strictEqual(calls[0].init.credentials, 'same-origin');
    assert.match(calls[0].url, /^\/rest\/flowtrack\/1\.0\/report\?project=FT&/);
});

test('errors reject with the plugin error code and message', async () => {
    const host = jiraHost({contextPath: '', selection: {project: 'FT'}, storageKey: 'k', storage: null,
        fetch: fakeFetch(422, '{"error":"too_many_issues","message":"25,000 issues match"}', [])});
    await assert.rejects(host.fetchReport({}), {status: 422, code: 'too_many_issues', message: '25,000 issues match'});
    const bare = jiraHost({contextPath: '', selection: {project: 'FT'}, storageKey: 'k', storage: null,
        fetch: fakeFetch(502, '<html>proxy</html>', [])});
    await assert.rejects(bare.fetchReport({}), {status: 502, code: 'http_502'});
});

test('controls are kept per storage key; item links go to the issue', async () => {
    const store = new Map();
    const storage = {getItem: k => store.get(k) ?? null, setItem: (k, v) => store.set(k, v)};
    const host = jiraHost({contextPath: '/jira', selection: {project: 'FT'}, storageKey: 'ft', storage,
        fetch: () => Promise.reject(new Error('unused'))});
    assert.strictEqual(await host.loadControls(), null);
    await host.saveControls({types: ['Bug'], forecastDays: 14});
    assert.deepStrictEqual(await host.loadControls(), {types: ['Bug'], forecastDays: 14});
    assert.strictEqual(host.itemUrl('FT-1'), '/jira/browse/FT-1');
    assert.match(host.today(), /^\d{4}-\d{2}-\d{2}$/);
});

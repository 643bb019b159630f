// node --test: the Jira FlowHost against fakes at its edges (fetch, the page's window): report URLs with the
// plugin's parameter names, error bodies as HostErrors, controls kept on the server per project, issue links,
// Jira's colour mode, and the browser's day and zone.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const {jiraHost, reportUrl, contextPathOf, projectBoards, boardFilter, boardConfigurationUrl, boardColumns,
    configFromColumns, whenReady} = require('../../main/resources/js/flowtrack-host.js');

/** A fetch that answers from a table of {method url → [status, body]} and records every call. */
function fakeFetch(answers, calls) {
    return (url, init) => {
        calls.push({url, init});
        const answer = answers[(init.method || 'GET') + ' ' + url];
        if (!answer) {
            return Promise.reject(new Error('unexpected ' + (init.method || 'GET') + ' ' + url));
        }
        return Promise.resolve({ok: answer[0] < 400, status: answer[0], text: () => Promise.resolve(answer[1])});
    };
}

/** The parts of a page's window the host reads: <html> with its attributes, MutationObserver, Date, Intl. */
function fakeWindow(mode, {zone = 'Europe/Berlin', now = new Date(2024, 2, 31, 23, 30)} = {}) {
    const attributes = new Map(mode ? [['data-color-mode', mode]] : []);
    const observers = [];
    const html = {
        getAttribute: name => attributes.has(name) ? attributes.get(name) : null,
        setAttribute(name, value) {
            attributes.set(name, value);
            observers.filter(o => o.target === html && o.filter.includes(name)).forEach(o => o.callback([]));
        }
    };
    class MutationObserver {
        constructor(callback) {
            this.callback = callback;
        }
        observe(target, init) {
            Object.assign(this, {target, filter: init.attributeFilter});
            observers.push(this);
        }
    }
    class FixedDate extends Date {
        constructor(...args) {
            super(...(args.length ? args : [now.getTime()]));
        }
    }
    const Intl = {DateTimeFormat: () => ({resolvedOptions: () => ({timeZone: zone})})};
    return {document: {documentElement: html, querySelector: () => null}, MutationObserver, Date: FixedDate, Intl,
        observers};
}

test('report URLs carry the selection and the dashboard query under the context path', () => {
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

test('a report is fetched as the logged-in user and resolves with the JSON', async () => {
    const calls = [];
    const url = '/rest/flowtrack/1.0/report?project=FT&from=2024-01-01&to=2024-01-31&timeZone=UTC';
    const host = jiraHost({contextPath: '', selection: {project: 'FT'}, window: fakeWindow(),
        fetch: fakeFetch({['GET ' + url]: [200, '{"format":"flowtrack-report/1"}']}, calls)});
    const report = await host.fetchReport({from: '2024-01-01', to: '2024-01-31', timeZone: 'UTC'});
    assert.strictEqual(report.format, 'flowtrack-report/1');
    assert.strictEqual(calls[0].init.credentials, 'same-origin');
});

test('errors reject with the plugin error code and message, or the bare status', async () => {
    const url = '/rest/flowtrack/1.0/report?project=FT';
    const host = jiraHost({contextPath: '', selection: {project: 'FT'}, window: fakeWindow(),
        fetch: fakeFetch({['GET ' + url]: [422, '{"error":"too_many_issues","message":"25,000 issues match"}']}, [])});
    await assert.rejects(host.fetchReport({}),
        {status: 422, code: 'too_many_issues', kind: 'failed', message: '25,000 issues match'});
    const bare = jiraHost({contextPath: '', selection: {project: 'FT'}, window: fakeWindow(),
        fetch: fakeFetch({['GET ' + url]: [502, '<html>proxy</html>']}, [])});
    await assert.rejects(bare.fetchReport({}), {status: 502, code: 'http_502', kind: 'failed', message: 'FlowTrack answered 502.'});
});

test('the plugin\'s codes get the dashboards\' neutral kind here, in the host (the bundle reads only the kind)', async () => {
    const url = '/rest/flowtrack/1.0/report?project=FT';
    const answering = (status, body) => jiraHost({contextPath: '', selection: {project: 'FT'}, window: fakeWindow(),
        fetch: fakeFetch({['GET ' + url]: [status, body]}, [])});
    // Codes the Azure DevOps backend has mean nothing here: the plugin never sends them, so they are failures.
    await assert.rejects(answering(409, '{"error":"not_synced","message":"x"}').fetchReport({}),
        {code: 'not_synced', kind: 'failed'});
    await assert.rejects(answering(403, '{"error":"forbidden","message":"You may not browse FT"}').fetchReport({}),
        {status: 403, kind: 'failed', message: 'You may not browse FT'});
    await assert.rejects(answering(400, '{"errorMessages":["Board 7 does not exist"]}').fetchReport({}),
        {code: 'http_400', kind: 'failed'});
});

test('the plugin\'s 503 busy rejects with the seconds of its Retry-After, for the dashboards to wait and retry', async () => {
    const busyBody = '{"error":"busy","message":"FlowTrack is computing 4 reports","details":[]}';
    const answering = (status, body, retryAfter) => jiraHost({contextPath: '', selection: {project: 'FT'},
        window: fakeWindow(), fetch: () => Promise.resolve({ok: false, status: status,
            headers: {get: name => (name === 'Retry-After' ? retryAfter : null)},
            text: () => Promise.resolve(body)})});
    await assert.rejects(answering(503, busyBody, '7').fetchReport({}),
        {status: 503, code: 'busy', kind: 'busy', message: 'FlowTrack is computing 4 reports', retryAfterSeconds: 7});
    // A Retry-After date (from a proxy) or none: busy without a wait of the plugin's, the dashboards' default.
    await assert.rejects(answering(503, busyBody, 'Wed, 21 Oct 2026 07:28:00 GMT').fetchReport({}), error =>
        error.code === 'busy' && error.kind === 'busy' && error.retryAfterSeconds === undefined);
    // A proxy's own 503 is not the plugin's busy answer: no retry is offered.
    await assert.rejects(answering(503, '<html>unavailable</html>', '7').fetchReport({}), error =>
        error.code === 'http_503' && error.kind === 'failed' && error.retryAfterSeconds === undefined);
});

test('controls are loaded from and saved to the user\'s preferences of the project', async () => {
    const calls = [];
    const saved = {window: {kind: 'last', days: 30}, types: ['Bug'], startPolicy: null, forecastDays: 30,
        forecastItems: 20};
    const prefs = '/jira/rest/flowtrack/1.0/preferences/FT%201';
    const host = jiraHost({contextPath: '/jira', selection: {project: 'FT 1'}, preferences: 'FT 1',
        window: fakeWindow(), fetch: fakeFetch({
            ['GET ' + prefs]: [200, JSON.stringify({project: 'FT 1', controls: saved})],
            ['PUT ' + prefs]: [200, JSON.stringify({project: 'FT 1', controls: saved})]
        }, calls)});
    assert.deepStrictEqual(await host.loadControls(), saved);
    assert.strictEqual(await host.saveControls(saved), undefined);
    const put = calls.find(c => c.init.method === 'PUT');
    assert.deepStrictEqual(JSON.parse(put.init.body), saved);
    assert.strictEqual(put.init.headers['Content-Type'], 'application/json');
    assert.strictEqual(put.init.headers['X-Atlassian-Token'], 'no-check');
    assert.strictEqual(put.init.credentials, 'same-origin');
    // only the writing call says no-check; reads do not need it
    const get = calls.find(c => c.init.method === undefined || c.init.method === 'GET');
    assert.strictEqual((get.init.headers || {})['X-Atlassian-Token'], undefined);
});

test('a user without saved controls gets null; a refused save rejects with the plugin error', async () => {
    const prefs = '/rest/flowtrack/1.0/preferences/FT';
    const host = jiraHost({contextPath: '', selection: {project: 'FT'}, preferences: 'FT', window: fakeWindow(),
        fetch: fakeFetch({
            ['GET ' + prefs]: [200, '{"project":"FT","controls":null}'],
            ['PUT ' + prefs]: [400, '{"error":"bad_request","message":"forecastDays: a whole number from 1 to 3650"}']
        }, [])});
    assert.strictEqual(await host.loadControls(), null);
    await assert.rejects(host.saveControls({forecastDays: 0}), {status: 400, code: 'bad_request'});
});

test('a dashboard item keeps nothing: its window is its configuration', async () => {
    const calls = [];
    const host = jiraHost({contextPath: '', selection: {filter: '10100'}, window: fakeWindow(),
        fetch: fakeFetch({}, calls)});
    assert.strictEqual(await host.loadControls(), null);
    await host.saveControls({forecastDays: 14});
    assert.deepStrictEqual(calls, []);
});

test('issue links go to <base>/browse/KEY', () => {
    const host = jiraHost({contextPath: '/jira', selection: {project: 'FT'}, window: fakeWindow(), fetch: () => null});
    assert.strictEqual(host.itemUrl('FT-1'), '/jira/browse/FT-1');
    assert.strictEqual(host.itemUrl('A/B?x'), '/jira/browse/A%2FB%3Fx');
});

test('the theme follows Jira\'s colour mode, also when it changes', () => {
    const win = fakeWindow('dark');
    const host = jiraHost({contextPath: '', selection: {project: 'FT'}, window: win, fetch: () => null});
    assert.strictEqual(host.theme(), 'dark');
    const seen = [];
    host.onThemeChange(t => seen.push(t));
    host.onThemeChange(t => seen.push('second:' + t));
    assert.strictEqual(win.observers.length, 1, 'one observer per host');
    win.document.documentElement.setAttribute('data-color-mode', 'light');
    win.document.documentElement.setAttribute('data-color-mode', 'light');
    win.document.documentElement.setAttribute('data-color-mode', 'dark');
    assert.deepStrictEqual(seen, ['light', 'second:light', 'dark', 'second:dark']);
    assert.strictEqual(host.theme(), 'dark');
    const original = jiraHost({contextPath: '', selection: {project: 'FT'}, window: fakeWindow(null), fetch: () => null});
    assert.strictEqual(original.theme(), 'light');
});

test('today and the time zone are the browser\'s', () => {
    const host = jiraHost({contextPath: '', selection: {project: 'FT'}, fetch: () => null,
        window: fakeWindow('light', {zone: 'Asia/Tokyo', now: new Date(2024, 0, 5, 0, 10)})});
    assert.strictEqual(host.today(), '2024-01-05');
    assert.strictEqual(host.timeZone(), 'Asia/Tokyo');
});

test('the context path comes from AJS, else from the page\'s meta tag', () => {
    assert.strictEqual(contextPathOf({AJS: {contextPath: () => '/jira'}}), '/jira');
    const meta = {getAttribute: () => '/issues'};
    assert.strictEqual(contextPathOf({document: {querySelector: q => q.includes('ajs-context-path') ? meta : null}}),
        '/issues');
    assert.strictEqual(contextPathOf({document: {querySelector: () => null}}), '');
});

test('a project\'s boards are listed from Jira Software, every page, as the user', async () => {
    const calls = [];
    const page = (startAt) => '/jira/rest/agile/1.0/board?projectKeyOrId=FT+1&startAt=' + startAt + '&maxResults=50';
    const boards = await projectBoards({contextPath: '/jira', projectKey: 'FT 1', fetch: fakeFetch({
        ['GET ' + page(0)]: [200, JSON.stringify({startAt: 0, maxResults: 2, isLast: false, values: [
            {id: 7, name: 'Team board', type: 'kanban', self: 'x'}, {id: 9, name: 'Sprint board', type: 'scrum'}]})],
        ['GET ' + page(2)]: [200, JSON.stringify({startAt: 2, maxResults: 2, isLast: true, values: [
            {id: 12, type: 'simple'}]})]
    }, calls)});
    assert.deepStrictEqual(boards, [{id: '7', name: 'Team board', type: 'kanban'},
        {id: '9', name: 'Sprint board', type: 'scrum'}, {id: '12', name: '12', type: 'simple'}]);
    assert.strictEqual(calls.length, 2);
    assert.ok(calls.every(c => c.init.credentials === 'same-origin'));
});

test('without Jira Software (404 on the board API) there is no board choice; other failures reject', async () => {
    const url = '/rest/agile/1.0/board?projectKeyOrId=FT&startAt=0&maxResults=50';
    assert.strictEqual(await projectBoards({contextPath: '', projectKey: 'FT',
        fetch: fakeFetch({['GET ' + url]: [404, '<html>Not found</html>']}, [])}), null);
    await assert.rejects(projectBoards({contextPath: '', projectKey: 'FT',
        fetch: fakeFetch({['GET ' + url]: [401, '{"errorMessages":["You are not logged in"]}']}, [])}),
    {status: 401, code: 'http_401'});
});

test('a board\'s report is its saved filter\'s, resolved once as the user and asked for with the project', async () => {
    const calls = [];
    const config = '/jira/rest/agile/1.0/board/7/configuration';
    const report = q => '/jira/rest/flowtrack/1.0/report?project=FT&filter=10100&from=' + q;
    const host = jiraHost({contextPath: '/jira', selection: {board: '7', project: 'FT'}, window: fakeWindow(),
        fetch: fakeFetch({
            ['GET ' + config]: [200, JSON.stringify({id: 7, name: 'Team board', filter: {id: '10100', self: 'f'},
                columnConfig: {columns: [{name: 'To Do', statuses: [{id: '1'}]}]}})],
            ['GET ' + report('2024-01-01')]: [200, '{"format":"flowtrack-report/1"}'],
            ['GET ' + report('2024-02-01')]: [200, '{"format":"flowtrack-report/1","second":true}']
        }, calls)});
    assert.strictEqual((await host.fetchReport({from: '2024-01-01'})).format, 'flowtrack-report/1');
    assert.strictEqual((await host.fetchReport({from: '2024-02-01'})).second, true);
    assert.deepStrictEqual(calls.map(c => c.url), [config, report('2024-01-01'), report('2024-02-01')]);
    assert.ok(!calls[1].url.includes('board'), 'the report resource is never told about the board');
});

test('a board the user may not see rejects with a clear, translated message and is asked again later', async () => {
    const calls = [];
    const config = '/rest/agile/1.0/board/8/configuration';
    const answers = {['GET ' + config]: [404, '{"errorMessages":["Board does not exist or you do not have permission to see it."]}']};
    const host = jiraHost({contextPath: '', selection: {board: '8', project: 'FT'}, window: fakeWindow(),
        messages: {boardUnavailable: 'Tablero no disponible.'}, fetch: fakeFetch(answers, calls)});
    await assert.rejects(host.fetchReport({}), {status: 404, code: 'board_unavailable', message: 'Tablero no disponible.'});
    answers['GET ' + config] = [403, ''];
    await assert.rejects(host.fetchReport({}), {status: 403, code: 'board_unavailable'});
    answers['GET ' + config] = [400, '{"errorMessages":["no permission"]}'];
    await assert.rejects(host.fetchReport({}), {status: 400, code: 'board_unavailable'});
    assert.strictEqual(calls.length, 3, 'a failed resolution is not kept');
    await assert.rejects(boardFilter({contextPath: '', boardId: '8', fetch: fakeFetch(answers, [])}),
        {code: 'board_unavailable', message: /does not exist, or you may not see it/});
    // Anything else is Jira's own error, with Jira's words.
    answers['GET ' + config] = [500, '{"errorMessages":["The board is misconfigured."]}'];
    await assert.rejects(host.fetchReport({}), {status: 500, code: 'http_500', message: 'The board is misconfigured.'});
});

test('a board configuration without a saved filter id is refused, not reported as the whole project', async () => {
    const config = '/rest/agile/1.0/board/5/configuration';
    for (const body of ['{"id":5}', '{"filter":{"id":"10100 OR 1=1"}}', '{"filter":{}}']) {
        await assert.rejects(boardFilter({contextPath: '', boardId: '5',
            fetch: fakeFetch({['GET ' + config]: [200, body]}, [])}), {code: 'board_without_filter'}, body);
    }
    assert.strictEqual(await boardFilter({contextPath: '', boardId: '5',
        fetch: fakeFetch({['GET ' + config]: [200, '{"filter":{"id":10200}}']}, [])}), '10200');
});

test('board ids are path-encoded', () => {
    assert.strictEqual(boardConfigurationUrl('/jira', '7/../x'), '/jira/rest/agile/1.0/board/7%2F..%2Fx/configuration');
});

test('a board\'s columns are read in board order with their status ids', async () => {
    const config = '/rest/agile/1.0/board/7/configuration';
    const columns = await boardColumns({contextPath: '', boardId: '7', fetch: fakeFetch({['GET ' + config]: [200,
        JSON.stringify({filter: {id: '10100'}, columnConfig: {constraintType: 'none', columns: [
            {name: 'Backlog', statuses: [{id: '10000', self: 's'}]}, {name: ' Selected ', statuses: []},
            {name: 'In Progress', statuses: [{id: '3'}, {id: 10001}], min: 1, max: 5},
            {name: 'Done', statuses: [{id: '10002'}]}]}})]}, [])});
    assert.deepStrictEqual(columns, [{name: 'Backlog', statuses: ['10000']}, {name: 'Selected', statuses: []},
        {name: 'In Progress', statuses: ['3', '10001']}, {name: 'Done', statuses: ['10002']}]);
    await assert.rejects(boardColumns({contextPath: '', boardId: '7',
        fetch: fakeFetch({['GET ' + config]: [404, '']}, [])}), {code: 'board_unavailable'});
});

test('a configuration drafted from columns: proposed, active, done, commitment at the first active stage', () => {
    const config = configFromColumns([{name: 'Backlog', statuses: ['10000']}, {name: 'Selected', statuses: []},
        {name: 'Doing', statuses: ['3', '10000']}, {name: 'doing', statuses: ['10003']},
        {name: 'Done', statuses: ['10002']}], {startPolicy: 'last', sle: {days: 14, percentile: 85}, includeTitles: true,
        stages: [{name: 'Old', category: 'active', statuses: ['1']}]});
    assert.deepStrictEqual(config, {
        stages: [{name: 'Backlog', category: 'proposed', statuses: ['10000']},
            {name: 'Doing', category: 'active', statuses: ['3']},
            {name: 'doing (2)', category: 'active', statuses: ['10003']},
            {name: 'Done', category: 'done', statuses: ['10002']}],
        commitmentStage: 'Doing', startPolicy: 'last', sle: {days: 14, percentile: 85}, includeTitles: true
    });
    assert.deepStrictEqual(configFromColumns([{name: 'Doing', statuses: ['3']}, {name: '', statuses: ['10002']}], null),
        {stages: [{name: 'Doing', category: 'active', statuses: ['3']},
            {name: 'Column 2', category: 'done', statuses: ['10002']}],
        commitmentStage: 'Doing', startPolicy: 'first', sle: null, includeTitles: false});
    assert.throws(() => configFromColumns([{name: 'Only', statuses: ['1']}, {name: 'Empty', statuses: []}], null),
        {code: 'board_columns'});
});

test('a page starts through AJS.toInit on a Jira page, else when its document is ready', () => {
    const started = [];
    const inits = [];
    whenReady({AJS: {toInit: fn => inits.push(fn)}, document: {}}, () => started.push('ajs'));
    assert.deepStrictEqual([inits.length, started], [1, []]);
    inits[0]();
    const listeners = [];
    whenReady({document: {readyState: 'loading', addEventListener: (type, fn) => listeners.push([type, fn])}},
        () => started.push('loaded'));
    assert.strictEqual(listeners[0][0], 'DOMContentLoaded');
    listeners[0][1]();
    whenReady({document: {readyState: 'complete'}}, () => started.push('now'));
    assert.deepStrictEqual(started, ['ajs', 'loaded', 'now']);
});

test('a theme subscription ends when its unsubscribe is called (the contract: onThemeChange returns it)', () => {
    const win = fakeWindow('light');
    const host = jiraHost({contextPath: '', selection: {project: 'FT'}, window: win, fetch: () => null});
    const seen = [];
    const stop = host.onThemeChange(t => seen.push(t));
    host.onThemeChange(t => seen.push('second:' + t));
    assert.strictEqual(typeof stop, 'function');
    win.document.documentElement.setAttribute('data-color-mode', 'dark');
    stop();
    stop();
    win.document.documentElement.setAttribute('data-color-mode', 'light');
    assert.deepStrictEqual(seen, ['dark', 'second:dark', 'second:light']);
});

/**
 * The dashboard bundle as this plugin packs it (target/classes, unpacked from io.flowtrack:flowtrack-web by the
 * Maven build's process-resources), loaded the way a page's <script> would: its global FlowTrack.
 */
function packedBundle() {
    const fs = require('node:fs');
    const path = require('node:path');
    const vm = require('node:vm');
    const file = path.join(__dirname, '..', '..', '..', 'target', 'classes', 'io', 'flowtrack', 'web',
        'flowtrack-dashboard.js');
    assert.ok(fs.existsSync(file), file + ' is missing: run the Maven build (process-resources) first');
    const context = {console};
    context.globalThis = context;
    return vm.runInNewContext(fs.readFileSync(file, 'utf8') + '\n;FlowTrack', context);
}

test('saved preferences give the shared cases\' controls, as in the Azure DevOps hub and widgets', async () => {
    const {cases} = JSON.parse(require('node:fs').readFileSync(require('node:path').join(__dirname, '..', '..', '..',
        '..', '..', 'web', 'test', 'fixtures', 'control-cases.json'), 'utf8'));
    const bundle = packedBundle();
    const prefs = '/rest/flowtrack/1.0/preferences/FT';
    for (const c of cases) {
        const host = jiraHost({contextPath: '', selection: {project: 'FT'}, preferences: 'FT', window: fakeWindow(),
            fetch: fakeFetch({['GET ' + prefs]: [200, JSON.stringify({project: 'FT', controls: c.input})]}, [])});
        // Through a JSON round trip: the bundle's objects come from another realm (vm context).
        assert.deepStrictEqual(JSON.parse(JSON.stringify(bundle.normalizeControls(await host.loadControls()))),
            c.expected, c.name);
    }
    assert.strictEqual(bundle.DEFAULT_CONTROLS.forecastItems, 20);
});

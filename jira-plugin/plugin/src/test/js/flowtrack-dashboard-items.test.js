// The dashboard items' loader (js/flowtrack-dashboard-items.js) in node: the script runs as Jira runs it (AMD
// define, AJS, WRM, a document), with a minimal DOM; what is checked is when the dashboard bundle is asked for.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const SOURCE = fs.readFileSync(path.join(__dirname, '../../main/resources/js/flowtrack-dashboard-items.js'), 'utf8');

function node(tag) {
    return {tag, children: [], className: '', textContent: '', set innerHTML(v) { this.children = []; },
        appendChild(c) { this.children.push(c); c.parentNode = this; return c; },
        insertBefore(c) { this.children.push(c); c.parentNode = this; return c; },
        setAttribute() {}, addEventListener() {}};
}

/** A page with the items' script loaded; WRM.require resolves when `answer` says, defining the bundle's globals. */
function page({wrm = true} = {}) {
    const modules = {};
    const required = [];
    const mounted = [];
    const fixed = [];
    const pending = [];
    const window = {};
    const sandbox = {
        window, Promise, Math, String, Number,
        document: {createElement: node},
        AJS: {I18n: {getText: key => key}},
        define: (name, deps, factory) => { modules[name] = factory; }
    };
    window.WRM = wrm ? {require: keys => {
        required.push([...keys]);
        return {then: (ok, fail) => new Promise((resolve, reject) => pending.push({resolve, reject})).then(ok, fail)};
    }} : undefined;
    vm.runInNewContext(SOURCE, sandbox);
    const bundleArrives = () => {
        window.FlowTrack = {mountChart: (el, kind, host, controls) => {
            mounted.push(kind);
            fixed.push([kind, controls]);
            return Promise.resolve({destroy() {}});
        }};
        window.FlowTrackJira = {jiraHost: () => ({}), contextPathOf: () => ''};
        pending.splice(0).forEach(p => p.resolve());
    };
    const bundleFails = () => pending.splice(0).forEach(p => p.reject(new Error('404')));
    const item = kind => {
        const Item = modules['flowtrack/dashboard-item/' + kind]();
        return new Item({resize() {}, savePreferences() {}});
    };
    return {item, required, mounted, fixed, bundleArrives, bundleFails};
}

const settle = () => new Promise(resolve => setImmediate(resolve));

test('loading the items\' script asks for nothing; an unconfigured item renders without the bundle', async () => {
    const p = page();
    const element = node('div');
    p.item('scatter').render(element, {project: '', filter: ''});
    await settle();
    assert.deepStrictEqual(p.required, []);
    assert.strictEqual(element.children[0].textContent, 'flowtrack.gadget.configure');
});

test('eight items on one dashboard ask WRM for the bundle once, then each draws its chart', async () => {
    const p = page();
    const kinds = ['scatter', 'aging', 'cfd', 'throughput', 'wip', 'histogram', 'forecast-when', 'forecast-how-many'];
    kinds.forEach(kind => p.item(kind).render(node('div'), {project: 'FT', days: '90'}));
    await settle();
    assert.deepStrictEqual(p.required, [['wr!io.flowtrack.jira:flowtrack-dashboard']]);
    assert.deepStrictEqual(p.mounted, []);
    p.bundleArrives();
    await settle();
    assert.deepStrictEqual(p.mounted.sort(), kinds.slice().sort());
    // Later renders find the bundle on the page.
    p.item('wip').render(node('div'), {project: 'FT', days: '30'});
    await settle();
    assert.strictEqual(p.required.length, 1);
});

test('a bundle that fails to load says so in the item and is asked for again at the next render', async () => {
    const p = page();
    const element = node('div');
    p.item('cfd').render(element, {project: 'FT'});
    await settle();
    p.bundleFails();
    await settle();
    assert.strictEqual(element.children[element.children.length - 1].textContent, 'flowtrack.gadget.loadfailed');
    p.item('cfd').render(node('div'), {project: 'FT'});
    await settle();
    assert.strictEqual(p.required.length, 2);
});

test('without WRM (not a Jira page) an item says the charts could not be loaded', async () => {
    const p = page({wrm: false});
    const element = node('div');
    p.item('aging').render(element, {project: 'FT'});
    await settle();
    assert.strictEqual(element.children[element.children.length - 1].textContent, 'flowtrack.gadget.loadfailed');
});

test('an item of a day-count chart counts working days when its preference countIn says so; others fix the window only', async () => {
    const p = page();
    p.bundleArrives();
    p.item('scatter').render(node('div'), {project: 'FT', days: '30', countIn: 'working'});
    p.item('forecast-when').render(node('div'), {project: 'FT', days: '180'});
    p.item('aging').render(node('div'), {project: 'FT', countIn: 'Working'});
    p.item('cfd').render(node('div'), {project: 'FT', days: '90', countIn: 'working'});
    await settle();
    // The objects come from the script's own realm: compared as JSON.
    assert.deepStrictEqual(JSON.parse(JSON.stringify(p.fixed)), [
        ['scatter', {window: {kind: 'last', days: 30}, days: 'working'}],
        ['forecast-when', {window: {kind: 'last', days: 180}, days: 'calendar'}],
        ['aging', {window: {kind: 'last', days: 90}, days: 'calendar'}],
        ['cfd', {window: {kind: 'last', days: 90}}],
    ]);
});

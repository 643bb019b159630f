// node --test: the settings page's calendar and blocked-field controls write into the configuration JSON (the one
// thing saved and checked by the server) and start from it.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const {calendarControls, withCalendar, keepCalendar} = require('../../main/resources/js/flowtrack-admin-page.js');

const CONFIG = {
    stages: [{name: 'Doing', category: 'active', statuses: ['3']}, {name: 'Done', category: 'done', statuses: ['6']}],
    commitmentStage: 'Doing', startPolicy: 'first', sle: {days: 14, percentile: 85}, includeTitles: false
};

test('a configuration without a calendar shows the controls off, Monday to Friday ready, and Flagged', () => {
    assert.deepStrictEqual(calendarControls(CONFIG), {
        on: false, days: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'], holidays: '',
        blockedField: 'Flagged'
    });
});

test('a stored calendar and blocked field show as they are, short weekday names too', () => {
    const config = Object.assign({}, CONFIG, {blockedField: 'Blocked',
        calendar: {workingDays: ['SUNDAY', 'mon', 'TUE'], holidays: ['2024-12-25', '2024-12-26']}});
    assert.deepStrictEqual(calendarControls(config), {
        on: true, days: ['MONDAY', 'TUESDAY', 'SUNDAY'], holidays: '2024-12-25, 2024-12-26', blockedField: 'Blocked'
    });
});

test('the controls write the calendar in weekday order and keep every other field', () => {
    const next = withCalendar(CONFIG, {on: true, days: ['FRIDAY', 'MONDAY'], holidays: '2024-12-25,\n 2024-12-26; x',
        blockedField: '  Impediment  '});
    assert.deepStrictEqual(next.calendar, {workingDays: ['MONDAY', 'FRIDAY'],
        holidays: ['2024-12-25', '2024-12-26', 'x']}, 'a bad date is left for the server to name');
    assert.strictEqual(next.blockedField, 'Impediment');
    assert.deepStrictEqual(next.stages, CONFIG.stages);
    assert.deepStrictEqual(next.sle, CONFIG.sle);
    assert.strictEqual(CONFIG.calendar, undefined, 'the given configuration is not changed');
});

test('switching the calendar off writes null; an empty field name is the default', () => {
    const on = Object.assign({}, CONFIG, {calendar: {workingDays: ['MONDAY'], holidays: []}});
    const next = withCalendar(on, {on: false, days: ['MONDAY'], holidays: '', blockedField: ' '});
    assert.strictEqual(next.calendar, null);
    assert.strictEqual(next.blockedField, 'Flagged');
});

test('a board draft keeps the calendar and the blocked field the editor had', () => {
    const draft = {stages: [], commitmentStage: 'A', startPolicy: 'first', sle: null, includeTitles: false};
    const current = {blockedField: 'Blocked', calendar: {workingDays: ['MONDAY'], holidays: []}};
    assert.deepStrictEqual(keepCalendar(draft, current), Object.assign({}, draft, current));
    assert.deepStrictEqual(keepCalendar({stages: []}, null), {stages: []});
});

'use strict';
// Menus that offer rows typed in the same form: a participant's agenda item among the
// agenda items typed above, a signatory's party among the parties typed above, each as
// "new:<prefix>" (events/admin/references.py). Rebuilt as the editor types.
{
    const $ = django.jQuery;

    function label(input) {
        if (input.tagName === 'SELECT') {
            const option = input.selectedOptions[0];
            return option && option.value ? option.text.trim() : '';
        }
        return input.value.trim();
    }

    function typedRows(form, source, field) {
        const total = form.elements.namedItem(`${source}-TOTAL_FORMS`);
        const initial = form.elements.namedItem(`${source}-INITIAL_FORMS`);
        const rows = [];
        if (!total || !initial) {
            return rows;
        }
        for (let index = Number(initial.value); index < Number(total.value); index++) {
            const prefix = `${source}-${index}`;
            const input = form.elements.namedItem(`${prefix}-${field}`);
            const removed = form.elements.namedItem(`${prefix}-DELETE`);
            if (!input || (removed && removed.checked)) {
                continue;
            }
            const text = label(input);
            rows.push({value: `new:${prefix}`, text: text ? `${text} (new)` : '', input: input});
        }
        return rows;
    }

    // The typed row each menu has chosen, by its input: removing a typed row renumbers
    // the rows after it, and the choice must follow its row, not its old number.
    const chosenRows = new WeakMap();

    function refresh() {
        document.querySelectorAll('select[data-new-rows-from]').forEach((menu) => {
            if (!menu.form) {
                return;
            }
            const rows = typedRows(menu.form, menu.dataset.newRowsFrom, menu.dataset.newRowsLabel);
            let chosen = menu.value;
            const before = chosenRows.get(menu);
            if (chosen.startsWith('new:') && before) {
                const row = rows.find((candidate) => candidate.input === before);
                chosen = row ? row.value : chosen;
            }
            Array.from(menu.options).forEach((option) => {
                if (option.value.startsWith('new:')) {
                    option.remove();
                }
            });
            rows.forEach((row) => {
                // An untitled row is offered only while it is the one chosen.
                if (row.text || (row.value === chosen && row.input === before)) {
                    const text = row.text || '(untitled, new)';
                    menu.add(new Option(text, row.value, false, row.value === chosen));
                }
            });
            const row = rows.find((candidate) => candidate.value === chosen);
            if (chosen.startsWith('new:') && (!row || (before && row.input !== before))) {
                // The row it named is gone: keep the choice visible, the server will say so.
                Array.from(menu.options).forEach((option) => {
                    option.selected = false;
                });
                menu.add(new Option('(a removed row)', 'new:removed', false, true));
                chosenRows.delete(menu);
                return;
            }
            if (row) {
                chosenRows.set(menu, row.input);
            } else {
                chosenRows.delete(menu);
            }
        });
    }

    // Select2 announces its picks through jQuery, so listen through jQuery too.
    $(document).on('input change formset:added', refresh);
    // The admin announces a removal before it renumbers the rows after it: look after.
    $(document).on('formset:removed', () => window.setTimeout(refresh));
    $(refresh);
}

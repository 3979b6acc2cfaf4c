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
            if (text) {
                rows.push([`new:${prefix}`, `${text} (new)`]);
            }
        }
        return rows;
    }

    function refresh() {
        document.querySelectorAll('select[data-new-rows-from]').forEach((menu) => {
            if (!menu.form) {
                return;
            }
            const rows = typedRows(menu.form, menu.dataset.newRowsFrom, menu.dataset.newRowsLabel);
            const chosen = menu.value;
            Array.from(menu.options).forEach((option) => {
                if (option.value.startsWith('new:')) {
                    option.remove();
                }
            });
            rows.forEach(([value, text]) => {
                menu.add(new Option(text, value, false, value === chosen));
            });
            if (chosen.startsWith('new:') && menu.value !== chosen) {
                // The row it named is gone: keep the choice visible, the server will say so.
                menu.add(new Option(`${chosen.slice(4)} (removed)`, chosen, false, true));
            }
        });
    }

    // Select2 announces its picks through jQuery, so listen through jQuery too.
    $(document).on('input change formset:added formset:removed', refresh);
    $(refresh);
}

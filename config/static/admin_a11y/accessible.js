'use strict';
// What Django's admin and its choosers (select2) leave out for assistive technology,
// added to the page as it is and to whatever appears later (a chooser opened, a row added
// with "Add another"):
// - every field of a tabular inline row is named by its column's heading, and the two
//   halves of a date and time field by the field's label and "Date" or "Time";
// - a chooser (its box, its search field) is named by its field's label or column heading;
// - an open chooser says which list it controls (aria-controls, as ARIA 1.2 asks);
// - a multiple chooser's "clear" cross is not put inside its list of choices.
// Nothing here depends on jQuery or select2: it reads and fixes the elements they make.
{
    // The element naming a field: its <label>, or the heading of its tabular inline column.
    // Given an id if it has none, to be pointed at with aria-labelledby.
    function namer(field) {
        let element = field.id && document.querySelector(`label[for="${CSS.escape(field.id)}"]`);
        const cell = !element && field.closest('td');
        const head = cell && cell.closest('table').tHead;
        if (head) {
            const column = [...cell.classList].find((name) => name.startsWith('field-'));
            element = (column && head.querySelector(`th.column-${CSS.escape(column.slice(6))}`))
                || head.rows[0].cells[cell.cellIndex];
        }
        if (!element) {
            return null;
        }
        if (!element.id) {
            element.id = `a11y-name-${field.id || field.name}`;
        }
        return element;
    }

    function nameBy(element, field, ...more) {
        const label = namer(field);
        if (label && !element.hasAttribute('aria-label')) {
            const ids = [label.id, ...more].join(' ');
            if (element.getAttribute('aria-labelledby') !== ids) {
                element.setAttribute('aria-labelledby', ids);
            }
        }
    }

    // The <select> a chooser stands for: select2 puts its box right after it, and names its
    // list of results "select2-<the select's id>-results".
    function chosenFrom(element) {
        const container = element.closest('.select2-container');
        const before = container && container.previousElementSibling;
        if (before && before.tagName === 'SELECT') {
            return before;
        }
        const results = element.getAttribute('aria-controls') || element.getAttribute('aria-owns');
        const match = results && /^select2-(.+)-results$/.exec(results);
        return match ? document.getElementById(match[1]) : null;
    }

    function fix() {
        const fields = ':is(input:not([type="hidden"]), select, textarea):not(.select2-hidden-accessible)';
        document.querySelectorAll(`:is(.tabular td, tr.form-row td) ${fields}`).forEach((field) => {
            if (field.labels.length === 0) {
                nameBy(field, field);
            }
        });
        // A date and time field: "Published at, Date:" and "Published at, Time:".
        document.querySelectorAll(`p.datetime ${fields}`).forEach((field) => {
            const row = field.closest('.form-row, .fieldBox');
            const label = row && row.querySelector('label, legend');
            const part = field.previousSibling;
            if (field.labels.length === 0 && label && !field.hasAttribute('aria-label')) {
                const text = part && part.nodeType === Node.TEXT_NODE ? part.textContent.trim() : '';
                field.setAttribute('aria-label', `${label.textContent.trim().replace(/:$/, '')}, ${text}`);
            }
        });
        document.querySelectorAll('.select2-selection[role="combobox"]').forEach((box) => {
            const select = chosenFrom(box);
            if (select) {
                // A single chooser's box also reads out what is chosen.
                const rendered = box.querySelector('.select2-selection__rendered[id]');
                nameBy(box, select, ...(rendered && rendered.tagName === 'SPAN' ? [rendered.id] : []));
            }
            const owns = box.getAttribute('aria-owns');
            if (owns && box.getAttribute('aria-controls') !== owns) {
                box.setAttribute('aria-controls', owns);
            } else if (!owns && box.hasAttribute('aria-controls')) {
                box.removeAttribute('aria-controls');
            }
        });
        document.querySelectorAll('.select2-selection__rendered[role="textbox"]').forEach((rendered) => {
            const select = chosenFrom(rendered);
            if (select) {
                nameBy(rendered, select);
            }
        });
        document.querySelectorAll('.select2-search__field').forEach((search) => {
            const open = document.querySelector('.select2-container--open');
            const select = chosenFrom(search) || (open && chosenFrom(open));
            if (select) {
                nameBy(search, select);
            }
        });
        document.querySelectorAll('ul.select2-selection__rendered > .select2-selection__clear').forEach((cross) => {
            cross.parentElement.before(cross);
        });
    }

    fix();
    new MutationObserver(fix).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['aria-owns', 'aria-controls', 'aria-expanded', 'class'],
    });
}

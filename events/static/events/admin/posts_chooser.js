'use strict';
// Posts held: the chooser asks for the posts of the person chosen on the same row first,
// and a new post opened with "+" starts with that person filled in.
// Loaded after the admin's autocomplete.js, whose set-up it extends.
{
    const $ = django.jQuery;
    const plainSelect2 = $.fn.djangoAdminSelect2;

    // The person chosen beside the chooser: "participations-0-posts_held" ->
    // "participations-0-person"; "posts_held" -> "person" on a page of its own.
    function holderId(element) {
        const name = element.name.replace(/[^-]+$/, element.dataset.holderField);
        const holder = element.form && element.form.elements.namedItem(name);
        return holder && holder.value ? holder.value : '';
    }

    $.fn.djangoAdminSelect2 = function() {
        plainSelect2.call(this.not('[data-holder-field]'));
        this.filter('[data-holder-field]').each(function(i, element) {
            $(element).select2({
                ajax: {
                    data: (params) => {
                        const query = {
                            term: params.term,
                            page: params.page,
                            app_label: element.dataset.appLabel,
                            model_name: element.dataset.modelName,
                            field_name: element.dataset.fieldName
                        };
                        query[element.dataset.holderField] = holderId(element);
                        return query;
                    }
                }
            });
        });
        return this;
    };

    // Before the admin's own handler opens the popup from the link's address.
    document.addEventListener('click', (event) => {
        const link = event.target.closest && event.target.closest('a.add-related');
        if (!link || !link.id.startsWith('add_')) {
            return;
        }
        const chooser = document.getElementById(link.id.slice('add_'.length));
        if (!chooser || !chooser.dataset.holderField) {
            return;
        }
        const url = new URL(link.href, window.location.href);
        const holder = holderId(chooser);
        if (holder) {
            url.searchParams.set(chooser.dataset.holderField, holder);
        } else {
            url.searchParams.delete(chooser.dataset.holderField);
        }
        link.href = url.toString();
    }, true);
}

"""Form rendering helpers for the KERN form components (``core/components/field.html``)."""

from django import template

register = template.Library()

_WIDGET_CLASSES = {
    "checkbox": "kern-form-check__checkbox",
    "radio": "kern-form-check__radio",
    "select": "kern-form-input__select",
    "selectmultiple": "kern-form-input__select",
}


def _describedby(field) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    return " ".join(ids)


@register.simple_tag
def kern_widget(field):
    """Render ``field``'s widget with the KERN class. Django adds ``aria-describedby`` (hint
    ``<id>_helptext`` and error ``<id>_error``) and ``aria-invalid``; attributes set by the form
    (autocomplete, inputmode, …) are kept."""
    widget_type = field.widget_type
    css = _WIDGET_CLASSES.get(widget_type, "kern-form-input__input")
    if field.errors:
        css += f" {css}--error"
    existing = field.field.widget.attrs.get("class", "")
    classes = dict.fromkeys(f"{existing} {css}".split())  # each once, in order
    return field.as_widget(attrs={"class": " ".join(classes)})


@register.simple_tag
def kern_option(option, field):
    """One radio/checkbox of a multiple-choice field, linked to the field's hint and error."""
    attrs = dict(option.data["attrs"])
    kind = "radio" if option.data.get("type") == "radio" else "checkbox"
    attrs["class"] = f"kern-form-check__{kind}"
    describedby = _describedby(field)
    if describedby:
        attrs["aria-describedby"] = describedby
    option.data["attrs"] = attrs
    return option.tag()

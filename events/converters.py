from django.urls import register_converter


class UnicodeSlugConverter:
    """Like Django's ``slug`` converter, but keeps Chinese characters (``南京推介会``)."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(UnicodeSlugConverter, "uslug")

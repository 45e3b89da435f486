from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """New accounts keep the language the person used while signing up."""
        user.preferred_language = (translation.get_language() or "de")[:2]
        return super().save_user(request, user, form, commit=commit)

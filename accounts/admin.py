from django.contrib import admin

from accounts.forms import AdminLoginForm
from accounts.models import LoginFailure

# The admin's login page is under the same brute-force guard as the site's.
admin.site.login_form = AdminLoginForm


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin):
    list_display = ["username", "ip", "created_at"]
    search_fields = ["username", "ip"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

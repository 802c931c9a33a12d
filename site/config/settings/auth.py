"""Signing in: Django's users and passwords, allauth's accounts and two-factor codes."""

from config.settings.environment import env_bool

AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    # ModelBackend with the permission sets kept in the cache (accounts/backends.py).
    "accounts.backends.CachedPermissionsBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: email is the login; confirmation before contributing.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Confirming in the browser that signed up signs the resident in and returns them to the sign-up's
# `next` (allauth does this only within that session); elsewhere the link's own `next` leads to
# signing in first (accounts.adapter.AccountAdapter.get_email_confirmation_url).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/m/key",
    "signup": "20/h/ip",
    "reset_password": "5/h/ip,3/h/key",
}
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "website"
# Our sign-up adds the public display name and consent; the adapter files new users as residents.
ACCOUNT_FORMS = {"signup": "accounts.forms_public.SignupForm"}
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[MAM] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "MAM"
# Staff sign in through allauth (rate limits, two-factor codes), never a second login form;
# signed-in people without admin access are told so there instead of going round in circles.
WAGTAILADMIN_LOGIN_URL = "accounts:admin_sign_in"
MAM_REQUIRE_ADMIN_MFA = env_bool("MAM_REQUIRE_ADMIN_MFA")

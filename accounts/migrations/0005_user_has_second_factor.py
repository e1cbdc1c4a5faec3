from django.db import migrations, models


def flag_enrolled(apps, schema_editor):
    """Officers who already enrolled a TOTP device keep being asked for it."""
    User = apps.get_model("accounts", "User")
    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    enrolled = TOTPDevice.objects.filter(confirmed=True).values("user_id")
    User.objects.filter(pk__in=enrolled).update(has_second_factor=True)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_user_officer_manager'),
        ('otp_totp', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='user',
            name='has_second_factor',
            field=models.BooleanField(default=False, editable=False, verbose_name='đã bật xác thực hai bước'),
        ),
        migrations.RunPython(flag_enrolled, migrations.RunPython.noop),
    ]

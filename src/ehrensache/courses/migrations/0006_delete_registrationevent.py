from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0005_registration_events_to_audit"),
    ]

    operations = [migrations.DeleteModel(name="RegistrationEvent")]

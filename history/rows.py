"""Objects of the ORM made from rows read in SQL.

A page of this site asks for few rows, and the ORM can take ten times longer to compile a
query than PostgreSQL to answer it: the history and achievements pages read theirs in SQL and
make from them the objects Wagtail's code expects.
"""

from django.db import connection
from django.db.models import DEFERRED


def instance(model, names, values):
    """An object of `model` as the ORM makes it from a row of the columns `names`; any other
    column is deferred (read if asked for, which the query counts of the tests would show)."""
    by_name = dict(zip(names, values, strict=True))
    row = [by_name.get(f.attname, DEFERRED) for f in model._meta.concrete_fields]
    return model.from_db(connection.alias, names, row)


def instances(model, sql, params):
    """The objects of `model` that `sql` reads (its columns named as the model's)."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column.name for column in cursor.description]
        return [instance(model, names, row) for row in cursor.fetchall()]

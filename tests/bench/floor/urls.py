from django.urls import path

from tests.bench.floor.views import page

urlpatterns = [path("bench/floor/", page)]

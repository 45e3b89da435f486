"""Regions API: postal code lookup (``/api/v1/regions/postal-codes/{code}``)."""

from ninja import Router, Schema

from .queries import Location, locate

router = Router(tags=["regions"])


class DistrictOut(Schema):
    key: str
    name: str
    label: str
    kind: str


class StateOut(Schema):
    code: str
    name: str


class PostalCodeOut(Schema):
    postal_code: str
    places: list[str]
    district: DistrictOut
    districts: list[DistrictOut]
    state: StateOut
    latitude: float
    longitude: float


def _district(d) -> dict:
    return {"key": d.key, "name": d.name, "label": d.label, "kind": d.kind}


def location_out(location: Location) -> dict:
    return {
        "postal_code": location.postal_code,
        "places": list(location.places),
        "district": _district(location.district),
        "districts": [_district(d) for d in location.districts],
        "state": {"code": location.state.code, "name": location.state.name},
        "latitude": location.latitude,
        "longitude": location.longitude,
    }


@router.get(
    "postal-codes/{code}",
    response=PostalCodeOut,
    summary="Postleitzahl nachschlagen",
    description=(
        "Orte, Kreis (Schlüssel und Name), Bundesland und Mittelpunkt einer Postleitzahl. "
        "404 für unbekannte, 422 für fehlerhafte Postleitzahlen und Großkunden-Postleitzahlen."
    ),
)
def postal_code_detail(request, code: str):
    return location_out(locate(code))

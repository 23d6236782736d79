"""The figures of a territory's dashboard (territories.dashboard) as the API
answers them: /api/v1/territoires/<clé>/synthese."""

from api.payloads import absolute, territory, territory_ref


def _rounded(value):
    return round(value, 2) if value is not None else None


def summary(board):
    figures = board.figures
    comparables = figures.comparables
    themes = []
    for domain in figures.domains:
        themes.append(_theme(domain, None))
        themes += [_theme(child, domain.theme.slug) for child in domain.children]
    return {
        "territoire": territory(board.territory),
        "initiatives": figures.total,
        "pour_10000": _rounded(figures.rate),
        "etapes": [
            {"etape": value, "libelle": str(label), "initiatives": count}
            for value, label, count in figures.stages
        ],
        "thematiques": themes,
        "comparables": _comparables(comparables) if comparables else None,
        "manques": [
            {
                "thematique": gap.theme.slug,
                "absente": gap.is_absent,
                "pour_10000": _rounded(gap.here_rate),
                "comparables_pour_10000": _rounded(gap.there_rate),
                "phrase": str(gap.sentence),
            }
            for gap in figures.gaps
        ],
        "a_essaimer": [_suggestion(item) for item in board.suggestions],
        "qui_peut_aider": [
            {
                "slug": helper.slug,
                "nom": helper.name,
                "type": helper.kind_value,
                "nationale": helper.is_national,
                "initiatives_soutenues_ici": helper.supported_here,
                "programmes": [programme.name for programme in helper.programmes],
            }
            for helper in board.helpers
        ],
    }


def _theme(figure, domain):
    return {
        "slug": figure.theme.slug,
        "nom": figure.theme.name,
        "domaine": domain,
        "initiatives": figure.here,
        "pour_10000": _rounded(figure.here_rate),
        "comparables_pour_10000": _rounded(figure.there_rate),
    }


def _comparables(comparables):
    return {
        "type": comparables.kind,
        "perimetre": territory_ref(comparables.scope),
        "population_min": comparables.low,
        "population_max": comparables.high,
        "territoires": comparables.count,
        "population": comparables.population,
        "initiatives": comparables.total,
        "pour_10000": _rounded(comparables.rate),
    }


def _suggestion(item):
    return {
        "slug": item.slug,
        "nom": item.name,
        "url": absolute(item.url),
        "etape": item.stage_value,
        "distance_km": item.km,
        "lieux": item.sites,
        "territoires_action": item.territories,
        "repond_a": [theme.slug for theme in item.answers],
        "distinctions": [
            {
                "nom": award.name,
                "annee": award.year,
                "label": award.label.slug if award.label else None,
            }
            for award in item.awards
        ],
        "indicateurs": [
            {
                "libelle": indicator.label,
                "valeur": float(indicator.value),
                "unite": indicator.unit,
                "annee": indicator.year,
            }
            for indicator in item.indicators
        ],
        "contact": absolute(item.contact_url),
    }

"""Figure-by-figure comparison of two archived reports, and the same figures as spreadsheet rows."""


TOTAL_LABELS = {
    "organizations": "Tổ chức quần chúng", "members": "Thành viên", "models": "Mô hình",
    "models_ministry": "Mô hình được Bộ Công an công nhận", "models_province": "Mô hình được công nhận cấp tỉnh",
    "models_district": "Mô hình được công nhận cấp huyện", "deployments": "Nơi triển khai mô hình",
    "collectives": "Tập thể được khen thưởng", "individuals": "Cá nhân được khen thưởng",
    "director_collectives": "Tập thể được Giám đốc Công an tỉnh khen thưởng",
    "director_individuals": "Cá nhân được Giám đốc Công an tỉnh khen thưởng",
}
CHILD_LABELS = {"organizations": "tổ chức", "members": "thành viên", "models": "mô hình",
                "deployments": "nơi triển khai", "collectives": "tập thể được khen", "individuals": "cá nhân được khen"}


def figure_rows(figures: dict) -> list[tuple[str, str, dict]]:
    """(group, label, figure) for every figure of a tally, in reading order."""
    rows = [("Tổng hợp", TOTAL_LABELS.get(key, key), fig) for key, fig in figures["totals"].items()]
    rows += [("Tổ chức theo loại", row["label"], row) for row in figures["organizations"]["by_kind"]]
    rows += [("Thành viên theo loại tổ chức", row["label"], row) for row in figures["members"]["by_kind"]]
    rows += [("Mô hình theo lĩnh vực", row["label"], row) for row in figures["models"]["by_field"]]
    rows += [("Khen thưởng theo cấp quyết định", row["label"], row["total"])
             for row in figures["commendations"]["by_authority"]]
    for child in figures["children"]:
        rows += [("Theo đơn vị", f"{child['name']}: {label}", child[key]) for key, label in CHILD_LABELS.items()]
    return rows


def spreadsheet_rows(figures: dict) -> list[list]:
    return [[group, label, fig["value"], fig["previous"], fig["delta"]] for group, label, fig in figure_rows(figures)]


def compare(first: dict, second: dict) -> list[dict]:
    """Every figure of either report with both values; `changed` marks the ones that differ."""
    left = {(g, label): fig["value"] for g, label, fig in figure_rows(first)}
    right = {(g, label): fig["value"] for g, label, fig in figure_rows(second)}
    keys = list(left) + [key for key in right if key not in left]
    return [{"group": g, "label": label, "first": left.get((g, label)), "second": right.get((g, label)),
             "changed": left.get((g, label)) != right.get((g, label))} for g, label in keys]



"""Demo: the periodic report schedules of the province (monthly, quarterly, yearly)."""

from .schedules import setup_report_schedules


def seed(ctx) -> None:
    tasks = setup_report_schedules(unit=ctx.province)
    ctx.lines.append(f"  Lịch báo cáo định kỳ: {len(tasks)} lịch (tháng, quý, năm) cho {ctx.province.name}")


def seed_today(ctx) -> None:
    seed(ctx)

from datetime import date

from antq_portal.templatetags.portal import vn_number
from reports.formatting import vn_count
from reports.official import Issuer
from reports.periods import vietnamese_date


def test_numbers_are_grouped_with_dots_whatever_the_language():
    assert (vn_number(4354), vn_number(17077), vn_number(30), vn_number(1234567)) == ("4.354", "17.077", "30", "1.234.567")


def test_small_counts_in_prose_take_a_leading_zero():
    assert (vn_count(5), vn_count(8), vn_count(0), vn_count(15), vn_count(4354)) == ("05", "08", "0", "15", "4.354")


def test_dates_follow_the_decree_leading_zero_rules():
    assert vietnamese_date(date(2018, 7, 11)) == "ngày 11 tháng 7 năm 2018"
    assert vietnamese_date(date(2019, 2, 5)) == "ngày 05 tháng 02 năm 2019"
    assert vietnamese_date(date(2019, 1, 31)) == "ngày 31 tháng 01 năm 2019"
    assert vietnamese_date(date(2019, 12, 1)) == "ngày 01 tháng 12 năm 2019"


def test_the_number_line_has_a_leading_zero_under_ten():
    issuer = Issuer("BỘ CÔNG AN", "CÔNG AN TỈNH BẠC LIÊU", "BC-CAT-PV05", "Bạc Liêu", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", ())
    assert issuer.number_line(5) == "Số: 05/BC-CAT-PV05"
    assert issuer.number_line(15) == "Số: 15/BC-CAT-PV05"
    assert issuer.place_and_date(date(2018, 7, 11)) == "Bạc Liêu, ngày 11 tháng 7 năm 2018"

"""Vocabulary of the demo data: hamlets of the Mekong delta and common Vietnamese names."""

HAMLETS = [
    "Nội Ô", "Cây Gừa", "Vĩnh Mới", "Láng Trâm", "Chủ Chí", "Kinh Tư", "Ninh Thạnh", "Bà Chăng", "Tà Suôl",
    "Xóm Lớn", "Hòa Bình", "Thạnh Hưng", "Phước Thạnh", "Cái Tràm", "Cầu Sập", "Giồng Bướm", "Năm Căn",
    "Lung Lá", "Kinh Xáng", "Bửu Đông", "Phú Tân", "Đầu Lộ", "Vàm Lẽo", "Rạch Rắn", "Nhà Việc", "Trà Co",
    "Tắc Sậy", "Mỹ Trinh", "Vĩnh Lạc", "Bình Định", "Thông Lưu", "Chòm Cao", "Gò Cát", "Vĩnh Kiểu", "Huy Điền",
    "Ngọn Nhà Thờ", "Cây Thẻ", "Bào Sen", "Đông Hưng", "Tân Long", "Ninh Lợi", "Phú Hiệp", "Bình Hưng",
    "Kim Cấu", "Xẻo Chích", "Tam Hưng", "Hiệp Thành", "Nhàn Dân", "Cái Keo", "Long Hà", "Vĩnh Hòa",
    "Thạnh Trị", "Phước Hòa", "An Khoa", "Kinh Lớn", "Lộ Xe", "Cá Rô", "Mười Chương", "Ba Mến", "Cỏ Thum",
]

FAMILY_NAMES = (["Nguyễn"] * 30 + ["Trần"] * 12 + ["Lê"] * 10 + ["Phạm"] * 7 + ["Huỳnh"] * 6 + ["Võ"] * 5
                + ["Phan"] * 4 + ["Trương"] * 3 + ["Đặng"] * 3 + ["Bùi"] * 2 + ["Đỗ"] * 2 + ["Ngô"] * 2
                + ["Hồ"] * 2 + ["Dương"] * 2 + ["Lâm"] * 2 + ["Lý"] * 2 + ["Tô", "Châu", "Thạch", "Danh", "Quách",
                                                                       "Mai", "Tăng", "La", "Diệp", "Hoàng"])
MALE_MIDDLE = ["Văn"] * 6 + ["Minh", "Thành", "Hoàng", "Quốc", "Hữu", "Công", "Thanh", "Ngọc", "Phước"]
FEMALE_MIDDLE = ["Thị"] * 6 + ["Ngọc", "Thanh", "Kim", "Mỹ", "Thu", "Hồng", "Bích"]
MALE_GIVEN = ["Hùng", "Dũng", "Tâm", "Phúc", "Lộc", "Thắng", "Hải", "Sơn", "Tuấn", "Hòa", "Bình", "Nam",
              "Khánh", "Trung", "Nghĩa", "Tài", "Toàn", "Hiếu", "Lợi", "Chẳng", "Việt", "Quang", "Đức", "Tú",
              "Vũ", "Hậu", "Thuận", "Phong", "Cường", "Kiệt", "Sang", "Út", "Em", "Trí", "Tín", "Nhân", "Hiền"]
FEMALE_GIVEN = ["Lan", "Hoa", "Mai", "Hồng", "Nga", "Thủy", "Hạnh", "Loan", "Thảo", "Trang", "Nhung", "Phượng",
                "Diễm", "Tuyết", "Xuân", "Yến", "Liên", "Hương", "Vân", "Kiều", "Nhi", "Thơ", "Bé", "Út"]

# Vietnamese groups thousands with "." (1.234,5); Django ships the separator but no grouping.
NUMBER_GROUPING = 3
# Django's "Ngày 23 tháng 11 năm 2026" repeats the "ngày" that Vietnamese
# sentences already put before a date ("Hoàn thành ngày …", "vào ngày …").
DATE_FORMAT = r"j \t\há\n\g n \nă\m Y"

#!/usr/bin/env python3
"""gen_csv.py N OUT.csv: a Google Forms style export of N registrations
(Vietnamese headings, BOM, quoted fields), none of them in the database
that gen.sql fills (e-mails 'dangky…@example.org')."""
import random
import sys

FAM = ['Nguyễn'] * 4 + ['Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng',
                        'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý']
MID = ['Thị', 'Văn', 'Hữu', 'Đức', 'Minh', 'Thanh', 'Ngọc', 'Quốc', 'Thu', 'Hoàng']
GIV = ['Cơ', 'Bình', 'Hồng', 'Lan', 'Hùng', 'Dũng', 'Hương', 'Thảo', 'Nam', 'An', 'Tuấn',
       'Mai', 'Hà', 'Linh', 'Phương', 'Trang', 'Sơn', 'Long', 'Quang', 'Yến']
PROV = ['Hà Nội', 'TP. Hồ Chí Minh', 'Tỉnh Nghệ An', 'Thành phố Hải Phòng', 'Hà Giang',
        'Đà Nẵng', 'Cần Thơ', 'Lâm Đồng', 'Gia Lai', 'An Giang', '01', '79']
CAT = ['Doanh nghiệp', 'Hợp tác xã', 'Hộ sản xuất, kinh doanh', 'Cán bộ quản lý cấp tỉnh',
       'Cán bộ quản lý cấp xã', 'Tổ hợp tác', 'Khác']


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    rnd = random.Random(2021)
    with open(out, 'w', encoding='utf-8-sig', newline='') as f:
        f.write('"Dấu thời gian","Họ và tên","Địa chỉ email","Số điện thoại",'
                '"Tỉnh/Thành phố","Đối tượng","Đơn vị công tác","Chức vụ"\r\n')
        for i in range(n):
            name = f'{rnd.choice(FAM)} {rnd.choice(MID)} {rnd.choice(GIV)}'
            phone = f'09{(i * 7919) % 100000000:08d}'
            f.write(f'"28/09/2021 08:{i % 60:02d}:00","{name}","dangky{i}@example.org",'
                    f'"{phone[:4]} {phone[4:7]} {phone[7:]}","{rnd.choice(PROV)}",'
                    f'"{rnd.choice(CAT)}","HTX ""Nông sản"" số {i % 997}",'
                    f'"{"Giám đốc" if i % 3 == 0 else ""}"\r\n')


if __name__ == '__main__':
    main()

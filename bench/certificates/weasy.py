#!/usr/bin/python3
"""weasy.py N QR.png LOGO1.png LOGO2.png LOGO3.png: renders the demo's
certificate from equivalent HTML with WeasyPrint N times in one process
(so start-up is paid once) and prints 'weasyprint N renders, S s, B bytes'.
The page: A4 landscape, Noto Serif, the same blocks, texts, three logos and
the QR image as ocop's renderer draws them."""
import base64, sys, time
from weasyprint import HTML

n = int(sys.argv[1])
img = lambda p: 'data:image/png;base64,' + base64.b64encode(open(p, 'rb').read()).decode()
qr, logos = img(sys.argv[2]), [img(p) for p in sys.argv[3:6]]

PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
@page { size: A4 landscape; margin: 0; }
body { margin: 0; font-family: "Noto Serif"; color: #1c1917; }
.page { position: relative; width: 297mm; height: 210mm; background: #fffcf4; box-sizing: border-box;
  border: 6pt solid #8c1412; outline: 1.6pt solid #b88f30; outline-offset: -11pt; }
.issuer { position: absolute; left: 52pt; top: 50pt; width: 290pt; text-align: center; font-weight: bold; font-size: 11.5pt; }
.orgs { font-weight: normal; font-size: 10pt; margin-top: 10pt; }
.motto { position: absolute; left: 492pt; top: 50pt; width: 300pt; text-align: center; font-weight: bold; font-size: 11.5pt; }
.motto div { font-size: 12.5pt; text-decoration: underline; }
.logos { position: absolute; left: 346pt; top: 48pt; width: 142pt; text-align: center; }
.logos img { height: 40pt; margin: 0 2pt; }
.body { position: absolute; top: 140pt; width: 100%; text-align: center; }
h1 { color: #8c1412; font-size: 40pt; letter-spacing: 1.5pt; margin: 0 0 14pt; }
.label { font-style: italic; font-size: 15pt; }
.name { color: #8c1412; font-size: 34pt; font-weight: bold; margin: 4pt 0 12pt; }
.series { font-size: 16pt; font-weight: bold; }
.done { font-size: 14pt; margin: 6pt 0 8pt; }
.second { font-size: 12pt; font-style: italic; color: #54504a; }
.verify { position: absolute; left: 50pt; top: 424pt; font-size: 10pt; }
.verify .row { display: flex; align-items: center; }
.verify img { width: 96pt; height: 96pt; margin-right: 10pt; image-rendering: pixelated; }
.verify p { margin: 0 0 4pt; }
.url { font-size: 6.5pt; color: #54504a; }
.signer { position: absolute; left: 470pt; top: 416pt; width: 320pt; text-align: center; font-size: 13pt; }
.signer .date { font-style: italic; }
.signer .title { font-weight: bold; margin-top: 4pt; }
.signer .who { font-weight: bold; font-size: 14pt; margin-top: 70pt; }
</style></head><body><div class="page">
<div class="issuer">TRUNG TÂM PHÁT TRIỂN NÔNG THÔN SAEMAUL UNDONG<div class="orgs">Văn phòng Điều phối Nông thôn mới Trung ương<br>Tổ chức Đại học Pháp ngữ (AUF)</div></div>
<div class="logos"><img src="LOGO0"><img src="LOGO1"><img src="LOGO2"></div>
<div class="motto">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<div>Độc lập – Tự do – Hạnh phúc</div></div>
<div class="body"><h1>GIẤY CHỨNG NHẬN</h1><div class="label">Chứng nhận Ông/Bà:</div>
<div class="name">NAME</div>
<div class="series">Chuỗi tập huấn Chương trình Mỗi xã một sản phẩm (OCOP) năm 2021</div>
<div class="done">đã hoàn thành 8 buổi tập huấn (28 giờ), từ ngày 28/09/2021 đến ngày 13/10/2021</div>
<div class="second">Certificat de formation — Programme « Une commune, un produit » (OCOP), formation en ligne 2021</div></div>
<div class="verify"><div class="row"><img src="QR"><div><p>Mã xác thực: R41GW-7ZEQT-12791-67915</p><p>Số: OCOP-2021-000001</p></div></div>
<div class="url">http://127.0.0.1:8080/verify/R41GW-7ZEQT-12791-67915</div></div>
<div class="signer"><div class="date">TP. Hồ Chí Minh, ngày 15 tháng 10 năm 2021</div><div class="title">GIÁM ĐỐC</div>
<div class="who">TS. Nguyễn Minh Khang (tên mẫu)</div></div>
</div></body></html>"""
page = PAGE.replace('QR', qr)
for i, l in enumerate(logos):
    page = page.replace('LOGO%d' % i, l)

t0 = time.monotonic()
size = 0
for i in range(n):
    pdf = HTML(string=page.replace('NAME', 'Nguyễn Học Viên %d' % (i + 1))).write_pdf()
    size += len(pdf)
    if i == 0 and len(sys.argv) > 6:
        open(sys.argv[6], 'wb').write(pdf)
print('weasyprint %d renders, %.3f s, %d bytes' % (n, time.monotonic() - t0, size))

"""The founding document: the Long An 2021 plan, extracted field by field.

The plan is a text conversion of a Word file: its header lost the issuer,
item 5 of section II and a duty of item IV.6 are broken across a blank line,
it carries OCR slips ("Suru tâm", "Phòng VHXX") and, after the signature, an
attached report form ("MÃU BC") that is not part of the plan.
"""

import json
from pathlib import Path

import pytest

from lifelong_week.documents.planparser import parse_plan, read_document

SEED = (
    Path(__file__).resolve().parents[2]
    / "src/lifelong_week/campaigns/seed/ke-hoach-tuan-le-htsd-2021-long-an.txt"
)

EXPECTED = {
    "doc_type": "KẾ HOẠCH",
    "number": "/KH-UBND",
    "issuer": "UBND tỉnh Long An",
    "place": "Long An",
    "date": None,
    "title": "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021",
    "year": 2021,
    "legal_bases": [
        (
            "Công văn số 3764/BGDĐT-GDĐT ngày 31/8/2021 của Bộ Giáo dục và Đào tạo về "
            "việc tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021"
        ),
    ],
    "theme": (
        "Chuyển đổi số và cơ hội học tập suốt đời cho tất cả mọi người trong bối "
        "cảnh đại dịch COVID-19"
    ),
    "slogans": [
        "Tuần lễ hưởng ứng học tập suốt đời năm 2021",
        (
            "Chuyển đổi số và cơ hội học tập suốt đời cho tất cả mọi người trong bối "
            "cảnh đại dịch COVID-19"
        ),
        "Chuyển đổi số để xây dựng thành công một xã hội học tập mới",
        ("Thi đua đẩy nhanh mức độ trưởng thành chuyển đổi số tại địa phương, đơn vị và cộng đồng"),
    ],
    "start_date": "2021-10-01",
    "end_date": "2021-10-07",
    "opening_date": "2021-10-01",
    "activities": [
        {
            "number": "1",
            "text": (
                "Tổ chức treo băng rôn, khẩu hiệu tại các cơ sở giáo dục, các công xưởng, "
                "nhà máy, văn phòng, cơ quan và nơi công cộng; tổ chức tuyên truyền bằng "
                "nhiều hình thức về chủ đề và các hoạt động của Tuần lễ để người dân biết "
                "và tham gia."
            ),
        },
        {
            "number": "2",
            "text": (
                "Tổ chức Lễ khai mạc Tuần lễ hưởng ứng học tập suốt đời năm 2021 bằng "
                "hình thức phù hợp, đảm bảo công tác phòng, chống dịch COVID-19 theo quy "
                "định (kịch bản tổ chức theo hướng dẫn của Sở Giáo dục và Đào tạo), cụ "
                "thể:\nCác huyện, thị xã chọn một trường học hoặc Trung tâm Văn hóa - Thể "
                "thao và Học tập cộng đồng tổ chức Lễ khai mạc diễn ra vào ngày "
                "01/10/2021 (thành phần, số lượng mời tham dự do UBND huyện, thị xã quyết "
                "định phù hợp với tình hình dịch bệnh tại địa phương và chỉ đạo của Ban "
                "Chỉ đạo tỉnh, UBND tỉnh về áp dụng các biện pháp phòng, chống dịch "
                "COVID-19).\nRiêng thành phố Tân An, chọn một trường trung học cơ sở tổ "
                "chức Lễ khai mạc, với sự tham gia của các thành phần liên quan và mời "
                "đại diện lãnh đạo các cơ quan cấp tỉnh tham dự (thành phần, số lượng mời "
                "tham dự do UBND thành phố quyết định phù hợp với tình hình dịch bệnh tại "
                "địa phương và chỉ đạo của Ban Chỉ đạo tỉnh, UBND tỉnh về áp dụng các "
                "biện pháp phòng, chống dịch COVID-19)."
            ),
        },
        {
            "number": "3",
            "text": (
                "Đẩy mạnh và đổi mới các hoạt động thông tin, tuyên truyền trên các "
                "phương tiện thông tin đại chúng, các cổng thông tin điện tử của đơn vị, "
                "tổ chức liên quan, các trang mạng xã hội (facebook, youtube, zalo, "
                "viber...) về tầm quan trọng và vai trò của chuyển đổi số trong việc cung "
                "ứng cơ hội học tập suốt đời cho mọi người trong bối cảnh giãn cách xã "
                "hội."
            ),
        },
        {
            "number": "4",
            "text": (
                "Khuyến khích tổ chức thi đua chuyển đổi số hiệu quả; kịp thời vinh danh "
                "các tổ chức và cá nhân có những giải pháp, sáng kiến về chuyển đổi số, "
                "góp phần thúc đẩy học tập suốt đời, xây dựng xã hội học tập."
            ),
        },
        {
            "number": "5",
            "text": (
                "Đẩy mạnh ứng dụng công nghệ số trong tổ chức các hoạt động dạy và học, "
                "các hoạt động thư viện trong các cơ sở giáo dục; tổ chức các lớp, khóa "
                "học trực tuyến miễn phí hoặc thu phí thấp cho trẻ em và người lớn... "
                "Trong đó, lòng ghép, giới thiệu các nội dung học tập, các bài học và học "
                "liệu phù hợp với từng nhóm đối tượng người học thông qua các phần mềm "
                "trực tuyến (Zoom, Google Meet, K12Online, MicrosoftTeams...)."
            ),
        },
        {
            "number": "6",
            "text": (
                "Thành lập các câu lạc bộ, diễn đàn, cuộc thi trực tuyến..., tạo điều "
                "kiện để mọi người dân được tham gia các hoạt động học tập, giao lưu lành "
                "mạnh, bổ ích, giúp tăng cường kết nối và góp phần đảm bảo sức khoẻ tinh "
                "thần và thể chất của người dân trong bối cảnh các hoạt động văn hoá, văn "
                "nghệ, thể thao, vui chơi giải trí ngoài trời bị hạn chế do dịch "
                "COVID-19."
            ),
        },
        {
            "number": "7",
            "text": (
                "Khuyến khích các doanh nghiệp hoạt động trong lĩnh vực công nghệ phối "
                "hợp, đồng hành, tài trợ cho các tổ chức, cơ sở giáo dục triển khai các "
                "lớp tập huấn, hướng dẫn về kỹ năng tìm kiếm, khai thác, sử dụng thông "
                "tin trên mạng Internet một cách an toàn, hiệu quả cho học sinh, sinh "
                "viên, phụ huynh, cán bộ, công chức, viên chức, người lao động trên địa "
                "bàn; xây dựng và phát triển các ứng dụng (apps), trò chơi (games)..., "
                "miễn phí có tính giáo dục, kết hợp giải trí lành mạnh để tạo sân chơi "
                "hữu ích cho trẻ em, học sinh, sinh viên."
            ),
        },
        {
            "number": "8",
            "text": (
                "Các Trường Đại học, Trường Cao đẳng sư phạm trên địa bàn tỉnh cung cấp "
                "các nguồn tài nguyên học liệu mở (sách, báo, học liệu, bài giảng điện "
                "tử...), liên thông, liên kết với hệ thống cơ sở giáo dục thường xuyên để "
                "phục vụ nhu cầu học tập suốt đời của người dân."
            ),
        },
        {
            "number": "9",
            "text": (
                "Các cơ quan báo chí, truyền thông trên địa bàn tỉnh tăng cường các "
                "chương trình, chuyên trang, chuyên mục có chủ đề về cộng đồng số, công "
                "dân số... giúp học sinh, sinh viên và người dân tìm hiểu về các kỹ năng "
                "và năng lực thiết yếu của công dân trong thời đại số và toàn cầu hoá; "
                "khuyến khích người dân và các cộng đồng tích cực tham gia, tự đọc, ghi "
                "âm, ghi hình, đóng góp, chia sẻ."
            ),
        },
        {
            "number": "10",
            "text": (
                "Tham gia các diễn đàn giáo dục, hội thảo, hội nghị trực tuyến của Tổ "
                "chức Giáo dục, Khoa học và Văn hoá Liên hợp quốc (UNESCO) tại địa chỉ "
                "https://uil.unesco.org để giao lưu, tìm hiểu thông tin và chia sẻ kinh "
                "nghiệm với các thành phố, quốc gia khác trên thế giới về cách tận dụng "
                "các nền tảng số để tổ chức các hoạt động học tập và giáo dục phục vụ nhu "
                "cầu học tập suốt đời của người dân trong bối cảnh dịch COVID-19."
            ),
        },
    ],
    "assignments": [
        {
            "body": "Sở Giáo dục và Đào tạo",
            "duties": [
                (
                    "Chủ trì, phối hợp với Hội khuyến học tỉnh triển khai, theo dõi, đôn đốc "
                    "các cơ quan, đơn vị, địa phương liên quan triển khai Tuần lễ hưởng ứng "
                    "học tập suốt đời năm 2021 theo kế hoạch này phù hợp với điều kiện của cơ "
                    "quan, đơn vị, địa phương; tổng hợp, báo cáo kết quả triển khai thực hiện "
                    "về Bộ Giáo dục và Đào tạo, UBND tỉnh theo quy định."
                ),
                (
                    "Phối hợp với Sở Văn hóa, Thể thao và Du lịch, UBND các huyện, thị xã, "
                    "thành phố chỉ đạo các thư viện, bảo tàng, nhà văn hóa tổ chức các hoạt "
                    "động cụ thể, thiết thực diễn ra trong Tuần lễ, nhằm tạo điều kiện thuận "
                    "lợi cho mọi người dân được tham quan, học tập."
                ),
                (
                    "Suru tâm, biên soạn tài liệu tuyên truyền về Tuần lễ hưởng ứng học tập "
                    "suốt đời năm 2021 và xây dựng xã hội học tập."
                ),
                (
                    "Hướng dẫn các Trường Đại học, Trường Cao đẳng sư phạm trên địa bàn tỉnh "
                    "triển khai thực hiện nội dung tại Mục 8, Phần II của kế hoạch này."
                ),
            ],
        },
        {
            "body": "Sở Thông tin và Truyền thông",
            "duties": [
                (
                    "Hướng dẫn, chỉ đạo các cơ quan báo, đài, hệ thống truyền thanh cơ sở "
                    "trên địa bàn tỉnh đẩy mạnh công tác thông tin, tuyên truyền về các hoạt "
                    "động trước, trong thời gian diễn ra Tuần lễ hưởng ứng học tập suốt đời "
                    "năm 2021; tuyên truyền về ý nghĩa, tầm quan trọng của việc hưởng ứng học "
                    "tập suốt đời và các nội dung liên quan theo thông tin, tài liệu do Sở "
                    "Giáo dục và Đào tạo cung cấp."
                ),
            ],
        },
        {
            "body": "Các sở, ngành, tổ chức hội, đoàn thể tỉnh",
            "duties": [
                (
                    "Căn cứ nội dung kế hoạch này và theo chức năng, nhiệm vụ của cơ quan, "
                    "đơn vị mình, có kế hoạch tổ chức các hoạt động phù hợp để góp phần tổ "
                    "chức thành công Tuần lễ hưởng ứng học tập suốt đời năm 2021 trên địa bàn "
                    "tỉnh."
                ),
            ],
        },
        {
            "body": "Báo Long An, Đài Phát thanh và Truyền hình Long An",
            "duties": [
                (
                    "Triển khai thực hiện nội dung tại Mục 8, Phần II của kế hoạch này. Đồng "
                    "thời, tổ chức tuyên truyền, đưa tin, bài về các hoạt động của Tuần lễ "
                    "hưởng ứng học tập suốt đời năm 2021; phát hiện, nhân rộng các tấm gương "
                    "tự học, học tập suốt đời; xây dựng các chuyên mục phục vụ học tập phù "
                    "hợp với đặc thù của từng địa phương."
                ),
            ],
        },
        {
            "body": "UBND các huyện, thị xã, thành phố",
            "duties": [
                (
                    "Xây dựng và triển khai thực hiện kế hoạch tổ chức Tuần lễ hưởng ứng học "
                    "tập suốt đời năm 2021 tại địa phương."
                ),
                (
                    "Đẩy mạnh các hoạt động thông tin, truyền thông về mục đích, ý nghĩa của "
                    "việc tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021, đặc biệt chú "
                    "trọng vào các nội dung tuyên truyền, giới thiệu về các hoạt động diễn ra "
                    "trong Tuần lễ trên các phương tiện thông tin (website, hệ thống truyền "
                    "thanh cơ sở) để người dân từng xã, phường, thị trấn, ấp, khu phố biết và "
                    "tham gia hưởng ứng."
                ),
                (
                    "Kịp thời phát hiện, nhân rộng các tấm gương tự học, học tập suốt đời; "
                    "tuyên dương, khen thưởng các tập thể và cá nhân tham gia tích cực Tuần "
                    "lễ hưởng ứng học tập suốt đời năm 2021."
                ),
            ],
        },
        {
            "body": "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
            "duties": [
                (
                    "Phối hợp với các sở, ngành tỉnh, UBND các huyện, thị xã, thành phố vận "
                    "động các tổ chức, cá nhân tham gia ủng hộ cho sự nghiệp giáo dục; kêu "
                    "gọi các doanh nghiệp, các nhà hảo tâm cùng chăm lo giáo dục thế hệ trẻ, "
                    "nhất là học sinh có hoàn cảnh khó khăn, nghèo, mồ côi, khuyết tật."
                ),
                (
                    "Chỉ đạo, tuyên truyền trong hệ thống tích cực tham gia cùng chính quyền "
                    "địa phương tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021 đạt hiệu "
                    "quả."
                ),
            ],
        },
    ],
    "report_deadlines": [
        {
            "from": "các sở ngành, đoàn thể, UBND các huyện, thị xã, thành phố",
            "to": "Sở Giáo dục và Đào tạo",
            "date": "2021-10-15",
        },
        {
            "from": "Sở Giáo dục và Đào tạo",
            "to": "Bộ Giáo dục và Đào tạo (Vụ Giáo dục thường xuyên)",
            "date": "2021-10-30",
        },
    ],
    "recipients": [
        "Bộ Giáo dục và Đào tạo (b/c)",
        "TT.TU, TT.HĐND tỉnh (b/c)",
        "CT, các PCTUBND tỉnh",
        "Ban Thường trực UBMTTQVN tỉnh (p/h)",
        "Ban Tuyên giáo Tỉnh ủy",
        "Ban Dân vận Tỉnh ủy",
        "Ban VH-XH HĐND tỉnh",
        "Các sở, ngành, đoàn thể tỉnh",
        "Báo Long An; Đài PT và TH Long An",
        "Hội Khuyến học tỉnh",
        "Hội Cựu Giáo chức tỉnh",
        "UBND các huyện, thị xã, thành phố",
        "CVP, các PCVP",
        "Phòng VHXX",
        "Lưu: VT, lvt",
    ],
    "signer": {
        "name": "Phạm Tấn Hòa",
        "title": "PHÓ CHỦ TỊCH",
        "authority": "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH",
    },
}


@pytest.fixture(scope="module")
def extract():
    return parse_plan(read_document(SEED))


def test_seed_json_equals_the_expected_object(extract):
    assert extract.to_json_dict() == EXPECTED


@pytest.mark.parametrize("field", list(EXPECTED))
def test_seed_field(extract, field):
    assert extract.to_json_dict()[field] == EXPECTED[field]


def test_seed_json_keys_follow_the_contract_order(extract):
    assert list(extract.to_json_dict()) == list(EXPECTED)
    assert list(extract.to_json_dict()["signer"]) == ["name", "title", "authority"]


def test_seed_json_is_serialisable(extract):
    assert json.loads(json.dumps(extract.to_json_dict(), ensure_ascii=False)) == EXPECTED


def test_seed_issuer_is_inferred_with_a_warning(extract):
    assert extract.issuer_inferred is True
    assert extract.governing_body is None
    assert extract.warnings == [
        "Phần đầu văn bản không ghi tên cơ quan ban hành; đã suy ra “UBND tỉnh Long An” "
        "từ nội dung văn bản. Hãy kiểm tra lại."
    ]


def test_seed_purpose_requirements_and_funding(extract):
    assert extract.purpose == (
        "Tuần lễ hưởng ứng học tập suốt đời là hoạt động hằng năm, nhằm nâng cao nhận thức "
        "của các tầng lớp nhân dân, cộng đồng dân cư về học tập suốt đời và xây dựng xã hội "
        "học tập.\n"
        "Tổ chức Tuần lễ nhằm tiếp tục đẩy mạnh phong trào học tập sâu rộng trong các tầng "
        "lớp nhân dân; giúp nâng cao nhận thức của người dân về vai trò của chuyển đổi số đối "
        "với việc học tập suốt đời; tăng cường trách nhiệm và huy động sự quan tâm, tham gia "
        "của các cấp chính quyền, các ngành, các tổ chức, đoàn thể, lực lượng xã hội trong "
        "việc tận dụng các nền tảng công nghệ nhằm đa dạng hóa các kênh và công cụ học tập "
        "suốt đời, đáp ứng nhu cầu học tập của người dân trong bối cảnh dịch COVID-19 đang "
        "diễn biến phức tạp."
    )
    assert extract.requirements.startswith(
        "Tuần lễ hưởng ứng học tập suốt đời năm 2021 được tổ chức với hình thức"
    )
    assert extract.requirements.endswith("Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI.")
    assert extract.funding == (
        "Sử dụng trong dự toán ngân sách của sở, ngành, đoàn thể, địa phương theo phân cấp "
        "ngân sách; kinh phí của các đơn vị, tổ chức có tham gia các hoạt động của Tuần lễ và "
        "các nguồn kinh phí hợp pháp khác."
    )


def test_seed_spans_point_at_the_source_lines(extract):
    lines = read_document(SEED)
    # 0-based, inclusive line indexes into read_document()'s list.
    assert extract.spans["number"] == (2, 2)
    assert extract.spans["title"] == (7, 7)
    assert extract.spans["theme"] == (25, 25)
    assert lines[25].startswith("“Chuyển đổi số")
    assert extract.spans["slogans[3]"] == (34, 34)
    assert extract.spans["slogans"] == (29, 34)
    # Item 5 of section II is rejoined across the page break.
    assert extract.spans["activities[4]"] == (56, 58)
    assert extract.spans["assignments[5].duties[0]"] == (108, 110)
    assert extract.spans["report_deadlines[1]"] == (122, 122)
    assert extract.spans["signer.authority"] == (144, 145)
    assert lines[extract.spans["signer.name"][0]] == "Phạm Tấn Hòa"
    assert extract.spans["recipients"] == (128, 142)


def test_seed_attached_form_is_not_part_of_the_plan(extract):
    # The form after the signature has its own "Nơi nhận" and headings.
    assert "Sở GD&ĐT (P.GDTrH)" not in extract.recipients
    assert all(span[1] < 150 for span in extract.spans.values())

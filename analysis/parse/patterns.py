"""Regular expressions of the report genre, compiled once, each with a real line it matches.

Text reaching these patterns is normalised (:mod:`analysis.read.textclean`): brackets and
colons are full-width (（一） ：), digits are half-width.
"""

from __future__ import annotations

import re
import re._constants as _sre_constants
import re._parser as _sre_parser

CN_DIGIT = "一二三四五六七八九十"
CN_NUM = "〇零○一二三四五六七八九十百千万两"

# ---------------------------------------------------------------- headings
# "一、工作开展情况"  "二．存在的问题"  "第三部分 下步打算" (not "第一，学法制度执行不够严格。", a list item)
H1 = re.compile(rf"^(?!第[{CN_DIGIT}]{{1,3}}[，,])(?:第)?([{CN_DIGIT}]{{1,3}})(?:[、．.，]|部分)\s*(.+)$")
# "（一）强化法治学习，增强法治思维"
H2 = re.compile(rf"^（([{CN_DIGIT}]{{1,3}})）[、．.]?\s*(.+)$")
# "1.坚持把学习贯彻习近平法治思想摆在首位"  "1、强化组织领导"  (not "12.4”国家宪法日")
# (「3.12345热线诉求办理质量有待提高」 (P54): a number of three or more figures named by what follows, no unit, is no
# decimal part — 「3.5万」「1.200元」 stay figures)
NOT_DECIMAL = r"[.．](?=\d{3,}[^\d.．%％万亿千百个人件次名场份元条项起户家所])"
H3 = re.compile(rf"^(\d{{1,3}})(?:[.．、](?!\d)|{NOT_DECIMAL}|\s)\s*(.+)$")
# "（1）、依法全面履行工作职能。"
H4 = re.compile(r"^（(\d{1,3})）[、．.]?\s*(.+)$")
HEADING_STYLES: tuple[re.Pattern[str], ...] = (H1, H2, H3, H4)
# the first character of any heading above
HEADING_LEADS = frozenset(CN_DIGIT + "第（0123456789")

# a line that is a whole sentence or an open clause, not a heading: "…氛围。" "…如下："
CLAUSE_END = re.compile(r"[。；：！？，、]$")

# ---------------------------------------------------------------- header and signature
# "中共高楠镇委员会"  "重庆市万州区长坪乡人民政府"  "大张楼镇人民政府"
ORG_LINE = re.compile(
    r"^(?:中共)?[\u4e00-\u9fff（）]{2,30}?(?:委员会|人民政府|街道办事处|办事处|党委|政府|党工委|管委会|管理委员会|司法所|局)$"
)
# "述职人：大安镇党委书记"  "报告人：镇长" — who signs a 述职 or a leader's report (reading 19: taken for a plan)
SIGNER_LINE = re.compile(r"^(?:述职人|述法人|述责述法人|报告人|汇报人|签发人|署名)[：:]\s*\S[^，。；]{0,29}$")
# "县委依法治县办："  "区委依法治区办："  "县法治办："
ADDRESSEE = re.compile(r"^([\u4e00-\u9fff（）、，,]{2,40}?)[：:]$")
# "索引号：11500229…"  "发布机构：城口县高楠镇"  "成文日期：2023-01-05"
WEB_FIELD = re.compile(
    r"^(索引号|发布机构|发文机关|成文日期|发布日期|生效日期|标题|文号|发文字号|主题分类|公文种类|主题词|来源|浏览次数|字号)[：:]\s*(.*)$"
)
# "2024年3月20日"  "二〇二三年二月十八日"  "2023-02-18"
DATE = re.compile(rf"(\d{{4}}|[{CN_NUM}]{{4}})\s*年\s*(\d{{1,2}}|[{CN_NUM}]{{1,3}})\s*月\s*(\d{{1,2}}|[{CN_NUM}]{{1,3}})\s*日")
ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
# a signature dated by its month only: 「2024年12月」 (no day after it)
MONTH_DATE = re.compile(rf"(\d{{4}}|[{CN_NUM}]{{4}})\s*年\s*(\d{{1,2}}|[{CN_NUM}]{{1,3}})\s*月(?!\s*(?:\d|[{CN_NUM}])+\s*日)")
DATE_LINE = re.compile(
    rf"^[（(]?(?:\d{{4}}|[{CN_NUM}]{{4}})\s*年\s*(?:\d{{1,2}}|[{CN_NUM}]{{1,3}})\s*月\s*(?:\d{{1,2}}|[{CN_NUM}]{{1,3}})\s*日[）)]?$|^\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}$"
)
# "5" or "- 3 -" left over from a page footer
PAGE_NUMBER_LINE = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,3}\s*页?[-—–\s]*$")
# "关于高楠镇2022年法治建设情况的报告"  "桑柘镇2021年度法治政府建设报告"
TITLE_WORDS = re.compile(r"报告|汇报|总结|情况|述职")

# ---------------------------------------------------------------- years and places
# "2022年" "二〇二二年度" (a reported year, not 2020-2025年)
YEAR = re.compile(
    r"(?<![\d\-—–至到~～])((?:19|20)\d{2}|[〇零○一二][〇零○一二三四五六七八九]{3})\s*年(?!\s*\d{1,2}\s*月\s*\d)(?![-—–至到~～])"
)
# "高楠镇" "长坪乡" "龙门街道" at the end of a candidate run
TOWNSHIP_SUFFIX = re.compile(r"(?:镇|乡|街道)")
# "城口县" "万州区" "合水县" "彭水苗族土家族自治县" at the end of a candidate run
COUNTY_SUFFIX = re.compile(r"(?:县|区|市|旗)")
# "法治嘉祥" "平安合水" — a county's short name after a campaign word
CAMPAIGN_NAME = re.compile(r"(?:法治|平安|法治政府|依法治)([\u4e00-\u9fff]{2,3})(?=[”’\"」』]|建设|创建)")

# ---------------------------------------------------------------- items
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"  # (⑪ on: a list of twelve problems, P48)
# "一是执法力量相对薄弱。" "二要落实行政执法" "①…" — an inline enumeration marker
INLINE_MARK = re.compile(
    rf"(?:(?<=^)|(?<=[。；;：，\s]))(?:([{CN_DIGIT}]{{1,2}})(?:是|要|则|者)|([{CIRCLED}])|第([{CN_DIGIT}]{{1,2}})[，、,]|（([{CN_DIGIT}\d]{{1,2}})）)"
)
# a paragraph that starts with any enumeration: "（一）" "1." "一是" "一要" "①"
LEAD_MARK = re.compile(
    rf"^(?:([{CN_DIGIT}]{{1,2}})(?:是|要|则)|（([{CN_DIGIT}\d]{{1,3}})）[、．.]?|(\d{{1,3}})(?:[.．、](?!\d)|{NOT_DECIMAL})|([{CN_DIGIT}]{{1,2}})[、．.]|([{CIRCLED}])|第([{CN_DIGIT}]{{1,2}})[，、,]|"
    # "⒈" "A、" "甲、" "1）" (the heavenly stems letter lists too: 甲、行政执法方面。…乙、…, P50)
    r"([⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇])|([A-Z甲乙丙丁戊己庚辛壬癸])[、．.](?![A-Za-z\d])|(\d{1,2})）|"
    # "问题3：" "事例四：" "——" (P29: a problem, an example, a line of figures)
    rf"(?:问题|事例|案例|短板|弱项|差距|不足|难点)(?:[{CN_DIGIT}]{{1,2}}|\d{{1,2}})[：:]|——|[（(][A-Z][)）])\s*"
)
# a bullet before an item, at a line's start or inside it: 「●…方面。■A；■B」「▲其他问题：→A；→B」 (P52)
BULLET = r"[●■◆▲►▶→•◇□☆★◎]"
# "其一，" "首先，" "⑵" "(3)" "2、" — a mark that numbers the next item of a list written inside a
# paragraph ("…全覆盖。其二，执法程序还不够规范…")
ITEM_NUMBER = re.compile(
    r"^(?:其[一二三四五六七八九十]|首先|其次|再次|再者|最后|"
    rf"[⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇]|\((?:\d{{1,2}}|[{CN_DIGIT}]{{1,2}})\)|\d{{1,2}}、|{BULLET})[，,、：]?\s*"
)
# "此外，" "另一方面，" — a list word that opens the next item (dropped from its text)
ITEM_OPENER = re.compile(
    r"^(?:(?:一方面|另一方面|此外|另外|还有|同时|与此同时|除此之外|还需(?:要)?指出的是|需要指出的是|值得注意的是|(?:同时)?还(?:要|应|应当)看到)[，,：]|"
    r"还有(?=[^，。；没不未仍个些多少点几有]{2,10}[，,])|"  # 「还有法律明白人，45个人里面有一些常年在外面」 (P39)
    # "一个问题是…另一个问题是…" "问题之一是" "短板一：" "突出表现为："
    r"(?:另)?一个(?:突出|主要)?问题是[，,：]?|(?:问题|短板|不足)之[一二三四五六七八九十]是[，,：]?|(?:短板|弱项)[一二三四五六七八九十][：，,]|突出表现为[：，,]?)\s*"
)
# "从群众层面看，" "在执法方面，" "就政务公开而言，" "对照…要求，" "关于普法宣传问题。" — a topic lead that
# opens the next item (kept in its text: it says what the item is about)
TOPIC_LEAD = re.compile(
    r"^(?:从[^，。；]{1,12}(?:看|来看|而言|上看)|在[^，。；]{1,12}(?:方面|领域|层面)|在[^，。；]{1,6}(?:工作|建设)?上|[^，。；]{1,8}(?:方面|领域|层面)|"
    r"就[^，。；]{1,12}而言|对照[^，。；]{1,20}|关于[^，。；]{1,14}(?:问题|方面)(?=[。：]))[，,：。]\s*"
)
# "究其原因，…" "主要表现在…" "导致…" "这些问题…" — a sentence that explains, gives the cause of or the
# consequence of the problem before it, never a new problem
ITEM_CONTINUES = re.compile(
    r"^(?:究其(?:原因|根源|根本)|(?:分析|深究|追溯)(?:其)?原因|从原因(?:上)?看|从深层次(?:上)?(?:看|来看|分析)|深层次(?:原因|来看|看)|从根本上(?:看|说)|从根源(?:上)?(?:看|来看|分析)|原因(?:主要)?(?:在于|是|既有|有)|主要原因|主要是(?![：:])|根源在于|根本原因|造成(?:这|此|上述)|之所以|(?:主要|具体)?(?:表现|体现)(?:在|为)|"
    r"导致|致使|以致|从而|进而|加之|再加上|加上|而且|并且|况且|特别是|尤其是|例如|比如|譬如|如[：:]|其中|这(?:些|类|种|一|也|就|使|样)?|此类|由此|因此|因而|所以|"
    r"客观上|主观上|一旦|久而久之|长此以往|有的|有时|甚至|(?:具体)?表现[：:]|原因(?:分析)?[：:]|主要原因[：:]|"
    r"(?:该|此|上述|前述|以上)(?:问题|情况|现象|短板)|"  # 「该问题已连续两年存在，究其原因，…」 (B4, 温泉镇)
    # a task's owner and deadline after it: "责任单位：党政办，完成时限：2024年6月底前。"
    r"(?:责任|牵头|配合)(?:单位|领导|部门|科室|人)[：:]|(?:完成)?时限[：:]|完成时间[：:]|时间节点[：:])"
)
# "执法力量相对薄弱" "懂法的人少" "难以满足" — words that say something is wrong
DEFECT = re.compile(
    r"不足|不够|不强|不高|不到位|不严|不实|不深|不广|不精准|不规范|不完善|不健全|不平衡|不充分|不明显|不匹配|不畅|不及时|不全|不统一|不熟|"
    r"不善|不会|不愿|不敢|不懂|不清|不细|不紧|不大|不佳|不理想|不多|不准|不一|不当|不力|欠缺|缺乏|匮乏|缺少|缺位|短缺|缺口|薄弱|偏弱|较弱|淡薄|"
    r"滞后|单一|陈旧|传统|紧张|老化|有限|空白|盲区|盲点|死角|短板|弱项|差距|难以|难度|困难|压力|隐患|风险|有待|亟待|任重道远|不容乐观|严峻|仍需|尚需|尚未|未能|未(?!来)|较少|偏少|偏低|较低|不少|较多|"
    r"增多|上升|突出|频发|多发|高发|易发|繁重|较重|过重|延期|搁置|力不从心|跟不上|不适应|落后|形式化|走过场|流于形式|重[^，。；]{1,4}轻|空编|(?<![减至多])少(?!数)|仅|只有|只|"
    r"时有(?:发生|出现)|屡禁不止|不能(?:满足|适应|胜任|有效)|无一(?:名|人|个|家)|仍有(?=[\d一二三四五六七八九十两几])|问题|矛盾|难|弱|低|差|乱|慢|散|仓促|代替|以[^，。；]{1,6}代[^表]|没有|无(?!论|疑|须|需|不|一|偿|私|愧)|受限|虽[^，。；]{0,20}[，,]但|"
    # any other 不 + word but the compounds that negate nothing: 不经常 不系统 不及时 (not 不断 不仅 不同)
    r"不(?![断仅但同论管久再是少得变能可要必光])[\u4e00-\u9fff]"
)
# "对照上级要求，我镇工作还存在一些短板和弱项" "主要表现在：" — words that introduce a list of problems
ITEM_INTRO = re.compile(
    r"(?:存在|有|面临|看到|认识到|发现|查摆出?|查找出?|梳理出|指出|反馈|通报)(?:着|了)?(?:一些|以下|不少|诸多|若干|一定的?|许多|很多|几个|几方面)?[^，。；：]{0,8}"
    r"(?:问题|不足|短板|差距|弱项|薄弱环节|困难|挑战|地方|方面)[^，。；：]{0,10}$|(?:如下|以下几个方面|主要(?:表现|体现)(?:在|为))$"
    # 「…巡察组…在法治建设方面指出了以下问题：A；B」「其余3个方面问题尚未完全整改到位：A；B」 (P50)
    r"|(?:问题|不足)(?:仍|还|尚|均)?(?:未|没有)(?:完全|彻底)?(?:整改|解决)(?:到位|完毕|完成)?$"
    # 「▲需要关注的其他问题：→A；→B」「此外，以下工作也需引起重视：」「上述问题在前文已作说明，除此之外，还存在：A；B」 (P52)
    r"|(?:需要|值得|需|应)(?:引起)?(?:关注|注意|重视)的(?:其他|其它|几个)?(?:问题|方面|情况|工作)$|(?:也|还|仍)?需(?:要)?引起(?:高度)?(?:重视|关注)$"
    r"|(?:除此之外|此外|另外)[，,]?(?:还|也|仍)(?:存在|有)$"
    # 「说实在话，我乡法治建设的短板还不少：A；B」 (P56)
    r"|(?:问题|不足|短板|差距|弱项|薄弱环节|困难)(?:还|仍|也|确实)?(?:不少|很多|较多|不容忽视)$"
    # 「同时，古镇保护与旅游发展中的一些问题依然存在。一方面，…」 (P34)
    r"|(?:一些|不少|诸多|若干)(?:问题|不足|短板|困难)(?:依然|仍然|仍|还|也)?(?:存在|不容忽视)$"
)
# "对照上级要求，我乡法治政府建设工作还存在一些差距，" — an intro that ends with a comma, the first problem after it
COMMA_INTRO = re.compile(
    r"^(?:对照[^，。；]{1,20}[，,])?(?:[^，。；]{0,6}(?:我(?:镇|乡|街道|们)|一年来|当前|总的来看|但|然而|不过)[^，。；]{0,20})"
    r"(?:存在|有|面临)(?:着)?(?:一些|不少|诸多|若干|一定的?)[^，。；]{0,6}(?:问题|不足|短板|差距|弱项|薄弱环节|困难)[，,]"
)
# "下一步，我镇将…" "针对这一问题，我们将…" — a measure stated after a problem in a section of both
MEASURE_LEAD = re.compile(
    r"^(?:下一步|下步|针对(?:这|此|上述|以上)|对此|今后|我们将|我(?:镇|乡|街道|们)将|将(?:进一步|继续|着力|重点|加快|加大)|"
    r"(?:20\d\d|明)年[，,]?(?:我(?:镇|乡|街道|们))?将|(?<![模虚])拟(?![^，,。；]{0,5}的)|(?:整改|改进)(?:措施|方向|举措|办法)(?:是|为|[：:])|对策[：:]|(?:下步|下一步)?(?:打算|计划|措施)[：:]|"
    # 「准备明年请县司法局派人来培训两次。」「这个问题我们打算明年开始要求…」「明年考虑用方言录些小视频…」 (P39)
    r"(?:这个问题|这方面|这件事)?[，,]?(?:我们|我镇)?(?:准备|打算|考虑|计划)(?:明年|下一步|今后|年内)|明年(?:考虑|准备|打算|争取))"
)
# "加强执法培训…" "持续开展…" — a sentence that says what will be done
PLAN_VERB = re.compile(
    r"^(?:扎实|切实|大力|认真|继续|进一步|不断|深入|全力)?(?:加强|强化|推进|完善|健全|深化|持续|着力|积极|开展|建立|组织|落实|抓好|提升|创新|加大|争取|推动|做好|用好|实施|依托|通过|将|要|坚持|探索|"
    r"规范|拓宽|充实|严格(?:执行|落实|按照)|年内|确保|力争|推行|实行|每(?:年|季度|月|半年)|定期|聘请|选派|配齐|设立|"
    r"组建|新增|新建|增设|引进|招录|开设|制定|修订|编制|整合|细化|优化|畅通|压实|夯实|补齐|提高|扩大|构建|打造|常态化开展)"
)
# "存在的问题及下一步打算" "问题和改进措施" — a section of problems and the measures answering them
# (data/section_kinds.csv makes it a problems section)
MIXED_HEADING = re.compile(
    r"(?:问题|不足|短板|差距|弱项|薄弱|困难).{0,8}(?:及|和|与|、|暨).{0,8}(?:打算|措施|计划|思路|对策|方向|举措|安排)"
)
# "这些问题，我们将在今后的工作中认真加以解决。" — a closing sentence, no problem of its own
# a problem of an earlier report said put right, with nothing left of it: no problem of this year
# (岳西县 review: 「此外，上年度报告中提出的执法人员持证率偏低、合同台账登记不全等问题，已通过集中备考和统一台账管理整改到位。」
# was listed as 天堂镇's problem)
ITEM_REMEDIED = re.compile(
    r"^(?:此外|另外|同时)?[，,]?(?:上年度?|去年|上一年度?|此前|往年)[^。；]{0,40}(?:提出|查摆|指出|存在|反映)[^。；]{0,40}问题[，,]?"
    r"[^。；但仍还尚]{0,30}(?:整改到位|整改完毕|完成整改|得到(?:有效|彻底)?解决|已(?:经)?解决)[^。；但仍还尚]{0,10}[。]?$"
    # 「督察反馈的“行政执法公示不及时”问题已整改到位，执法信息实现按时公示。」 — a finding named in quotes, put right (P34)
    r"|^(?:此外|另外|同时)?[，,]?[^。；“”]{0,16}“[^”。；]{2,30}”(?:的)?问题(?:已经?|均已)(?:整改到位|整改完毕|完成整改|解决|销号)"
    r"[^。；但仍还尚]{0,30}[。]?$"
)
ITEM_CLOSING = re.compile(
    r"^(?:(?:这些|以上|上述|对此类)(?:问题|不足|短板)[^。]*(?:解决|改进|整改|加以|克服|正视)"
    # 「…存在一些问题，需要在今后的工作中认真加以解决。」 — what is left after the intro's comma
    r"|(?:需要|有待|亟需|亟待|必须)(?:在)?(?:今后|下一步)?(?:的)?(?:工作中)?(?:认真|切实|进一步|着力)?(?:加以)?(?:解决|改进|克服|整改)[。！]?$)"
)
# 「督察指出：“…。”我镇认为这一问题确实存在。…」 — an inspection's finding quoted, the township's answer after it: one item
FINDING_LEAD = re.compile(r"^(?:县委依法治县办|督察组?|巡察组?|检查组?|考核组?|上级)(?:督察)?(?:指出|反馈|发现|认为)[：:]")
# 「…对此我镇已于6月完成整改，…该问题已整改到位。」 — an item that ends by saying it has been put right
ITEM_FIXED = re.compile(r"(?:该|此|这一|上述)?问题(?:已经?|均已)(?:整改到位|整改完成|整改完毕|完成整改|解决|销号)[^。；，]{0,6}[。]?$")
# "关于普法宣传问题。" — a line that only names the topic of the problem after it
TOPIC_LINE = re.compile(r"^关于[^，。；]{1,14}(?:问题|方面)[。：:]?$")
# 「“三个不够”：」「“两个短板”：」「队伍方面：」 — a label over the items after it, no problem of its own
GROUP_LABEL = re.compile(r"^[^，。；：:]{1,10}[：:]$")
# 「经认真梳理，我镇法治政府建设中还存在“三个不够”“两个短板”和一些突出风险。」 — the problems announced by
# their group names, none stated
NAMED_GROUPS_INTRO = re.compile(
    r"(?:存在|有|归纳为|概括为)(?:着)?(?:“[一二两三四五六七八九十]+[个项大种方]?[^”]{1,6}”[和、及与]?){1,4}[^，。；：]{0,12}$"
)
# 「2025年，我镇将坚持问题导向」 — a plans section's opening stance before its numbered plans; 「2025年是“十四五”
# 规划收官之年，也是“八五”普法的验收之年」 — the year's background; 「2024年，我镇将以习近平法治思想为指导，围绕县委、
# 县政府部署，扎实推进法治政府建设各项工作」 — a stance
PLAN_STANCE = re.compile(
    r"^(?:(?:20\d\d|明)年|下一步|今后)[，,]?(?:我(?:镇|乡|街道|们))?将?(?:继续|进一步)?(?:坚持|围绕|紧紧围绕|聚焦|以)[^，。；：]{0,16}$"
    r"|^(?:20\d\d|明)年是[^。；：]{0,40}之年$"
    r"|^(?:(?:20\d\d|明)年|下一步|今后)[，,][^。；：]{0,12}以习近平[^。；：]{0,12}为指导[^。；：]{0,40}(?:各项工作|部署)$"
)
# 「整改措施：」 — the label before a measure in a section of problems and measures
MEASURE_LABEL = re.compile(r"^(?:(?:整改|改进)(?:措施|方向|举措|办法)(?:是|为)?|(?:下步|下一步|其他|其它)?(?:打算|计划|措施))[：:]")
# "2024年，我镇将重点抓好以下工作：" — a plans section's intro
PLAN_INTRO = re.compile(
    r"(?:以下|如下|几个方面|几项)(?:几件(?:实)?事|工作|方面|重点)?(?:[上中]?(?:下功夫|用力|发力|着力|努力))?[：:。]?$|[：:]$"
)
# "（一）执法方面" "队伍建设上" — a sub-heading that names an area, not a problem
AREA_HEADING = re.compile(r"^[^，。；]{1,12}(?:方面|领域|层面|上|中)$")
# "但也存在一些问题：一是…" — problems stated inline where there is no problems heading
INLINE_PROBLEMS = re.compile(
    r"(?:存在|还有|仍有|也有|面临|暴露出|暴露|反映出)[^。：]{0,24}?(?:问题|不足|短板|差距|薄弱环节|困难)[^。：]{0,24}?[：]"
)
# "在取得成绩的同时，我们也清醒地看到，…" — problems stated in the achievements, without a heading of their own
PROBLEMS_TURN = re.compile(
    r"(?:在取得成绩的同时|成绩的同时|清醒(?:地)?(?:看到|认识到)|但(?:也|仍|还)?(?:要|应)?(?:看到|存在|有)[^。]{0,20}(?:问题|不足|短板|差距|薄弱)|"
    r"(?:仍|还)(?:有|存在)[^。，]{0,10}(?:差距|不足|短板|薄弱环节))"
)

# ---------------------------------------------------------------- indicators
# "3500多份" "1.2万份" "八千余份" "20余场次" "17场（次）" "500余人/次" "100%" "百分之九十五点一" (a percentage in words, no unit)
# (the look-ahead lets the scan skip quickly to the next digit or numeral)
QUANTITY = re.compile(
    rf"(?=[\d{CN_NUM}])"
    rf"(?P<num>(?P<pct>百分之)[{CN_NUM}]+(?:点[〇零一二三四五六七八九]+)?|\d+(?:,\d{{3}})*(?:\.\d+)?|[{CN_NUM}]+)"
    r"(?P<wan>万)?"
    r"(?P<approx>余|多|来|左右)?"
    r"(?(pct)|(?:(?<=[\d余多来]) )?(?P<unit>%|％|场（次）|场/次|场次|人/次|人次|件次|户次|家次|批次|台次|辆次|次|场|人|名|份|条|个百分点|个村(?!级)|个|件|期|处|支|户|起|幅|块|张|册|本|篇|项|家|所|间|批|轮|堂|课时|学时|小时|分钟|万元|元|套|台|位|余人|座|部|宗|村|成(?![为了功果效绩立熟本员都长年型片套批交群效就])))"
)
# up to two of these right before a number are its lead-in: "共计3500份" "近200人" "超过10场"
QUANTITY_LEAD = "近约逾超过共计累计达"
# the character before a number that makes it an ordinal or a date: "第六次" "每个" "2022年"
NOT_A_COUNT_BEFORE = re.compile(r"[第每届号年月日\d.]$|[第每届号年月日] $")  # (「第 3 次」 too)
# units that, with what follows, name a thing rather than count it: "三项制度" "五项法定程序" "一件一件" (used with .match)
FIXED_PHRASE_AFTER = re.compile(r"(?:制度|机制|清单|原则|工作法|法定程序|融合|到位|公开|一[件条个项])")
# context window boundaries for an indicator
CLAUSE_ENDS = "。；！？\n"
CLAUSE_SPLIT = re.compile(f"[{CLAUSE_ENDS}]")

# ---------------------------------------------------------------- indicator roles
# a number's role is read from the words of its own phrase first (see analysis.parse.indicators);
# a target or requirement: "每次会前学法不少于15分钟" "力争每村达到3名以上" "计划新建法治宣传栏10块"
TARGET_CUE = re.compile(
    r"不少于|不低于|不得少于|至少|力争|争取|计划|(?<![模虚])拟(?![^，,。；]{0,5}的)|预计|要求|确保|目标|将(?!其|法治|.{0,6}纳入)|下一步|明年|(?<!平均)每[季月周年].{0,4}(?:开展|组织|讲|到|不)"
)
# a shortfall: "仍有1起行政诉讼" "空编2人" "败诉1起" "29个村中有7个村未配备"
SHORTFALL_CUE = re.compile(
    r"仍有|仍然|仍|尚有|尚未|尚待|未(?!成年|来)|不成|不足|空编|缺编|败诉|纠错(?!率)|差距|仅有|只有|仅|缺少|缺乏|流失|超过规定|超期|不到位|不够|不强|薄弱|中有"
)
# a plan that carries over the later phrases of its clause: "计划开展普法宣传活动30场以上，新创建示范村1个"
# (确保 and 要求 do not: "确保行政决策制度科学…，聘用1名法律顾问")
PLAN_CUE = re.compile(
    r"(?<!比)(?<!较)(?<!比年初)(?<!较年初)(?<!超)计划|力争|争取|(?<![模虚])拟(?![^，,。；]{0,5}的)|预计|下一步|明年|将(?!其|法治|.{0,6}纳入)"
)
# the work of the year, after a cue in an earlier phrase: "要求…不少于15分钟，全年会前学法18次"
# (累计 is CUMULATIVE_CUE's: the year's work only when the year bounds it)
DONE_CUE = re.compile(r"全年|今年以来|年内共|已|共计|先后|截至|实际|现有")
# a change against another year: "较上年增加12件" "同比下降15%" "比2022年多3场" "与上年相比增加约1200件"
COMPARISON_CUE = re.compile(
    r"(?:较|比|与|同)(?:上|去|前|\d{4}|[〇一二三四五六七八九零]{4})[^，、]{0,6}?(?:增加|减少|增长|下降|上升|提高|提升|降低|多|少)|同比|环比|"
    r"(?:较|比|超)(?:年初)?(?:计划|目标)[^，、]{0,4}?(?:增加|多|少|超)|^(?:少|多)了?$"
    # (「较以往分头检查减少入企40余次」: against how it was done before, N46)
    r"|较(?:以往|过去|往年|原来)[^，、]{0,8}?(?:增加|减少|增长|下降|上升|提高|降低|多|少)"
)
# a total over several years: "累计开展普法活动150余场" "自2020年以来…" "“八五”普法实施以来" "历年共发放…" (not a
# calendar's new year: "羌历年期间举办法治文化节", reading 19)
# (not any 以来: "落实…专项工作以来，坚持集体学法8次" is the year's)
CUMULATIVE_CUE = re.compile(
    r"累计|(?<![羌藏彝农阴夏苗傣])历年|(?:\d{4}|[〇一二三四五六七八九零]{4})年[^，。；]{0,4}以来|[七八九]五”?普法[^，。；]{0,8}以来|(?:换届|任期|上任)以来"
)
# …which the year itself bounds when one of these comes first: "全年累计" "今年以来累计"
YEAR_BOUND = re.compile(r"全年|今年|本年|年内|当年|年度")
# a figure per unit, per occasion or on average: "每村1名" "每次学法1部" "人均20学时" "平均每月2次"
# "10个村（社区）均明确1名法治联络员": one to each of the places counted before it
PER_UNIT_CUE = re.compile(r"每[^，、\d]|平均|人均|户均|村均|[个村区）]均(?:配备|明确|设立|设有|落实|确定)$")
# a concession: what comes before 但 is work done even in a problems section ("虽然开展了8次…，但…")
CONCESSION = re.compile(r"虽然?|尽管")
CONCESSION_END = re.compile(r"但|却|然而|可是")
# the closing stage of a count before it: "受理来信来访37件，办结35件" "已办结37件" "按期办结26件"
CLOSED_CUE = re.compile(r"办结|结案|办复|化解")
# a sub-count of the number before it: "审查合同42份，其中5份提出修改意见"
# a part of the total before it: 「其中合同31份」, 「办理行政处罚案件29件，适用简易程序18件」; cases not
# penalised are no penalty: 「办理行政处罚案件31件，适用轻微不罚8件」
PART_CUE = re.compile(r"其中|[（(](?:含|包括|包含)|适用(?:简易|一般|普通)程序|(?:首违|轻微)不罚|不予(?:行政)?处罚")
# context right before a number: population, places, per-unit and year-on-year figures
# "总人口4.3万人" "全镇辖21个行政村" "每个网格配备网格员1名" "较上年增加5件" "由上年的66名" "分值占比5%"
CONTEXT_BEFORE = re.compile(
    r"人口|户籍|常住|流动|面积|辖区?$|下辖|辖有|划分|每个|每村|每名|每户|每人|平均|人均|较上年|比上年|同比|较去年|上年的?$|上年底|上年末|上一年|(?<!组建)(?<!成立)(?<!建立)(?<!组织)由$|增加了?$|增长了?$|减少了?$|下降了?$|提高了?$"
    r"|(?:在编|编制内?)[^，、]{0,4}$|工作人员$|在职|干部$|职工$|护林员|现有[^，]{0,6}人员$|窗口$|(?<![和及、与])游客(?:量|总量|人数|接待量)?[达约共近超逾过]{0,2}$|(?<!覆盖)(?<!覆盖进城)(?<!服务)(?<!受益)务工人员"
    r"|占比|占[^，、]{0,12}的$|(?:上年|去年|往年|前年)[^，、\d]{0,6}$|(?:超过|超出|比)(?:年初|年度)?(?:计划|安排)(?:多)?$"
    # an earlier year's figure beside the year's own: 「集中学法16次（2021年为11次）」「由2021年的412件下降到368件」「（上年同期：5次）」
    r"|(?<!\d)\d{4}年(?:同期)?(?:的|为|是)$|同期[：:]?$"
    # (shares; what the year before left: "上年遗留的两件"; 超过计划2场, its 计划 read as 安排 when named as a thing)
    # the county's own figure quoted ("全县今年共推广示范文本1.2万份" "县里下达的9项指标"), and one per unit given to
    # each village ("全镇19个村（社区）各聘请1名法律顾问")
    r"|(?:^|(?<=[，；：（(]))(?:全县|全市|全省|全区|(?:县|市|上级)[里级]?下达)[^，。；、我本\d]{0,18}$|(?:村|社区|）)各[^，、\d]{0,4}$"
    # (「…126名，占全县“法律明白人”总数（5800余名）的2%左右」: the county's figure the township's is a share of, 沂南县 reading)
    r"|占(?:全县|全市|全省|全区)[^，。；、我本\d]{0,16}$"
)
# context by what is counted, right after the number: "21个行政村" "111个网格" "52名在编干部" "3.2万人口"
CONTEXT_AFTER = re.compile(
    r"^(?:行政村|自然村|村民小组|社区|居委会|自然寨|村|网格(?!员)|个?网格单元|在编|干部职工|人口|常住|户籍|站所|窗口|综合窗口|安置点|(?:执法)?人员|干部全部|[^，]{0,4}经营户)"
)
# a count of people or things that did something, with 其他 as metric: "新增持证执法人员2名" "整改问题5个";
# without such a verb in its phrase such a count describes the township ("设置综合窗口8个")
ACTION_CUE = re.compile(
    r"新增|新建|建成|组建|成立|建立|达到|增加到|培养|培育|转移|整改|解决|落实|指导|约谈|补充|取得|完成|办理|处理|开展|组织|制定|修订|明确|审查|发放|受理|接待|查处|签订"
)
# where the noun after a count of people or places ends and what they did begins:
# "47名干部|全部参加学法考试" "6个安置点|建成法治宣传栏" (not "7处政务公开专栏")
# a verb of taking part, after the noun a count of people names: "64名干部|参加年度学法考试" "86名干部|全部参加学法考试"
# (used with .match at the predicate; it ends where the verb starts)
PARTICIPATION = re.compile(r"(?:全部|全体|均|都|已|各)?(?=参加|参与|参训)")
# the title of a law or document cited in a sentence: "组织学习《中华人民共和国行政处罚法》"
BOOK_TITLE = re.compile(r"《[^《》]{1,40}》")
PREDICATE = re.compile(r"全部|全面|均|各|都|已|被|经|参加|参与|参训|建有|建设|进行|开展|" + ACTION_CUE.pattern)


# ---------------------------------------------------------------- speed
def screened(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with a look-ahead at the characters its matches can begin with, when the
    engine cannot skip ahead by itself (its alternatives begin with a group or a character
    class: 「(?:合同|协议)审查|领导小组|…」): a position no match can begin at is then passed over at
    the cost of one character test, not of trying every alternative. It finds the same matches
    with every method; a pattern whose first characters cannot be told (it may match empty,
    ignores case, begins with any character or a category like \\w), or that the engine
    already skips through (one beginning with a character, a class, or ``^``) is returned as it
    is. Not for patterns handed to DuckDB (RE2 has no look-ahead)."""
    if pattern.flags & re.IGNORECASE:
        return pattern
    try:
        items = _sre_parser.parse(pattern.pattern, pattern.flags)
    except (re.error, TypeError):  # a bytes pattern, or one this parser does not read
        return pattern
    firsts, empty = _first_chars(list(items))
    if firsts is None or empty or _engine_skips(list(items)) or items[0][0] is _sre_constants.AT:  # ^…: tried at the start only
        return pattern
    lead = "".join(c if c == ANY_DIGIT else re.escape(c) for c in sorted(firsts))
    return re.compile(f"(?=[{lead}])(?:{pattern.pattern})", pattern.flags)


ANY_DIGIT = r"\d"  # among the first characters: any digit (the class is written into the look-ahead as it is)


def _first_chars(items: list) -> tuple[set[str] | None, bool]:
    """(the characters a match of the parsed sequence ``items`` can begin with (:data:`ANY_DIGIT`
    for any digit), None when that cannot be told; whether it can match empty)."""
    firsts: set[str] = set()
    for op, av in items:
        chars, empty = _item_first_chars(op, av)
        if chars is None:
            return None, False
        firsts |= chars
        if not empty:
            return firsts, False
    return firsts, True


def _item_first_chars(op, av) -> tuple[set[str] | None, bool]:
    c = _sre_constants
    if op is c.LITERAL:
        return {chr(av)}, False
    if op is c.IN:
        chars = set()
        for kind, value in av:
            if kind is c.LITERAL:
                chars.add(chr(value))
            elif kind is c.RANGE and value[1] - value[0] <= 512:
                chars.update(map(chr, range(value[0], value[1] + 1)))
            elif kind is c.CATEGORY and value is c.CATEGORY_DIGIT:
                chars.add(ANY_DIGIT)
            else:  # a negated class, another category (\w, \s), a wide range
                return None, False
        return chars, False
    if op is c.SUBPATTERN:
        _group, add_flags, _del_flags, inner = av
        return (None, False) if add_flags & re.IGNORECASE else _first_chars(list(inner))
    if op is c.BRANCH:
        chars, empty = set(), False
        for alternative in av[1]:
            found, can_be_empty = _first_chars(list(alternative))
            if found is None:
                return None, False
            chars |= found
            empty = empty or can_be_empty
        return chars, empty
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        least, _most, inner = av
        chars, empty = _first_chars(list(inner))
        return (None, False) if chars is None else (chars, empty or least == 0)
    if op in (c.ASSERT, c.ASSERT_NOT, c.AT):  # zero-width: the characters come from what follows
        return set(), True
    return None, False


def _engine_skips(items: list) -> bool:
    """Whether the engine already skips to where a match may begin: the pattern begins with a
    character, a character class, or alternatives that each begin with a character."""
    c = _sre_constants
    while items and items[0][0] is c.SUBPATTERN and not items[0][1][1] and not items[0][1][2]:
        items = list(items[0][1][3])
    if not items:
        return False
    op, av = items[0]
    if op in (c.LITERAL, c.IN):
        return True
    return op is c.BRANCH and all(alt and list(alt)[0][0] is c.LITERAL for alt in av[1])

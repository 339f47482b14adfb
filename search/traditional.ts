// Traditional characters read as simplified (駕駛 → 驾驶), so a query or a posting typed in traditional Chinese finds
// and is found by simplified text. A table of the characters common in job postings, place names and the skills
// taxonomy (one-to-one conversions only; ambiguous ones such as 乾/幹 are left out). Applied when text is normalised
// for indexing and for queries alike.
const PAIRS = "駕驾駛驶車车機机電电運运輸输貨货師师員员護护醫医維维網网絡络倉仓庫库廚厨業业銷销區区蘇苏張张營营養养設设備备鋼钢鐵铁線线纜缆證证級级術术腦脑計计監监視视頻频氣气調调廠厂產产檢检驗验與与東东長长門门開开關关發发華华國国際际為为會会時时間间現现場场務务衛卫軍军隊队戰战險险輛辆價价資资職职崗岗應应訓训練练經经歷历學学書书條条專专戶户滅灭災灾療疗藥药劑剂鍋锅爐炉裝装儲储遞递單单據据軟软體体數数測测試试飯饭麵面點点燒烧廳厅樓楼層层廈厦園园鄉乡鎮镇縣县錫锡寧宁滬沪嶺岭龍龙鳳凤廣广漢汉讓让說说請请議议畫画圖图繪绘報报紙纸寫写讀读買买賣卖貿贸換换擇择選选舉举組组織织紀纪錄录記记憶忆環环節节約约隨随處处導导遊游參参觀观補补貼贴積积極极變变動动勞劳勵励獎奖齡龄歲岁優优實实習习執执駐驻邏逻邊边輔辅團团領领負负責责幹干淨净潔洁綠绿藍蓝紅红黃黄鐘钟錶表鏈链凍冻鮮鲜溫温濕湿壓压雙双號号碼码話话聯联繫系屬属類类別别種种幾几個个們们這这還还從从後后來来過过對对將将頭头腳脚態态藝艺傳传統统總总離离風风標标準准歡欢認认識识輪轮艙舱駁驳飛飞無无遙遥礦矿煉炼鍛锻鑄铸塗涂噴喷輕轻鏟铲築筑橋桥樑梁鋪铺給给熱热灣湾纖纤義义愛爱陸陆轉转復复餘余錢钱銀银貸贷幣币辦办採采購购審审課课館馆劇剧舊旧費费樂乐瑪玛賽赛隻只";

const MAP = new Map<string, string>();
for (let i = 0; i + 1 < PAIRS.length; i += 2) MAP.set(PAIRS[i]!, PAIRS[i + 1]!);
const ANY = new RegExp(`[${[...MAP.keys()].join("")}]`, "gu");

/** The text with the traditional characters of the table replaced by their simplified forms. */
export function toSimplified(text: string): string {
  return text.replace(ANY, (c) => MAP.get(c) ?? c);
}

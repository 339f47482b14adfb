import { DEMO_PLACES, DEMO_TOWNS } from "./places";

/** Fictional organisations around the places of our field reports. `key` is how other demo rows refer to them. */

export const DEMO_BASE_BADGE = "退役军人就业创业示范基地";
export const DESIGNATED_TRAINING_BADGE = "退役军人定点培训机构";

type OrgKind = "employer" | "training_provider" | "incubator_park" | "service_station" | "bureau";

export interface DemoOrganization {
  key: string;
  kind: OrgKind;
  name: string;
  regionCode: string;
  address: string;
  description: string;
  website?: string;
  verified: boolean;
  badges?: string[];
  /** Shown in job descriptions. */
  benefits?: string;
  /** A service station's tier (county centre, town, village). */
  stationTier?: "county" | "town" | "village";
}

const P = DEMO_PLACES;

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  // ------------------------------------------------------------------ employers
  {
    key: "zjg-logistics",
    kind: "employer",
    name: "张家港港城智运物流有限公司",
    regionCode: DEMO_TOWNS.jingang,
    address: "江苏省张家港市金港街道港丰公路 88 号",
    description:
      "以港口集装箱短驳、保税仓储和城市配送为主营业务的综合物流企业，自有牵引车、厢式货车 120 余台。2019 年起连续招用退役军人，现有退役军人员工 86 名，其中 12 人走上车队长、调度主管岗位。",
    website: "https://example.com/gczy-logistics",
    verified: true,
    badges: [DEMO_BASE_BADGE],
    benefits: "五险一金、带薪年假、年度体检、驾驶安全奖，退役军人入职另享一次性安家补贴 3000 元",
  },
  {
    key: "gusu-security",
    kind: "employer",
    name: "苏州金盾保安服务有限公司",
    regionCode: P.gusu.code,
    address: "江苏省苏州市姑苏区三香路 120 号",
    description:
      "苏州市公安局批准设立的保安服务公司，承接大型活动安保、金融押运、园区及校园驻点安保。管理团队多为部队转业干部，实行准军事化管理。",
    verified: true,
    badges: [DEMO_BASE_BADGE],
    benefits: "五险一金、包住宿、工作餐、持证津贴、退役军人优先晋升班组长",
  },
  {
    key: "kunshan-precision",
    kind: "employer",
    name: "昆山精工智造科技有限公司",
    regionCode: DEMO_TOWNS.yushan,
    address: "江苏省昆山市玉山镇元丰路 268 号",
    description: "汽车零部件与精密结构件制造企业，拥有数控加工、冲压、焊接和自动化装配产线，是昆山市技能人才培养示范企业。",
    verified: true,
    benefits: "五险一金、两班倒夜班补贴、技能等级津贴、免费班车、员工宿舍",
  },
  {
    key: "wuzhong-property",
    kind: "employer",
    name: "苏州吴中安居物业管理有限公司",
    regionCode: P.wuzhong.code,
    address: "江苏省苏州市吴中区东吴北路 56 号",
    description: "管理住宅小区、写字楼和产业园区共 42 个项目，提供秩序维护、设施设备运维、保洁绿化等一体化物业服务。",
    verified: true,
    benefits: "五险一金、节日福利、免费工作餐、持证上岗补贴",
  },
  {
    key: "sip-itops",
    kind: "employer",
    name: "苏州园区云维信息技术有限公司",
    regionCode: P.sip.code,
    address: "江苏省苏州市工业园区星湖街 328 号创意产业园 5 栋",
    description:
      "为园区企业和政府机关提供机房运维、网络运维和安全值守服务的 IT 运维服务商。公司与部队通信、网络专业退役人员合作多年，设有“退役军人技术骨干训练营”。",
    website: "https://example.com/yunwei",
    verified: true,
    badges: [DEMO_BASE_BADGE],
    benefits: "六险一金、弹性排班、认证考试费用报销、年度调薪",
  },
  {
    key: "changshu-catering",
    kind: "employer",
    name: "常熟虞味餐饮管理有限公司",
    regionCode: P.changshu.code,
    address: "江苏省常熟市虞山街道海虞北路 18 号",
    description: "团餐与中式连锁快餐企业，为工厂、学校和医院提供食堂承包服务，在常熟、张家港经营 30 余个食堂。",
    verified: false,
    benefits: "五险、包吃住、满勤奖、厨师等级津贴",
  },
  {
    key: "taicang-construction",
    kind: "employer",
    name: "太仓港城建设工程有限公司",
    regionCode: P.taicang.code,
    address: "江苏省太仓市城厢镇上海东路 99 号",
    description: "市政道路、港口配套和厂房建设施工总承包二级企业，承建太仓港区多项基础设施工程。",
    verified: true,
    benefits: "五险一金、项目奖金、高温补贴、工地食宿",
  },
  {
    key: "xiangcheng-newenergy",
    kind: "employer",
    name: "苏州相城新能源汽车零部件有限公司",
    regionCode: P.xiangcheng.code,
    address: "江苏省苏州市相城区高铁新城南天成路 77 号",
    description: "动力电池包、电驱系统线束的研发与制造企业，新建智能工厂 2025 年投产，正在扩充产线与设备维护团队。",
    verified: true,
    badges: [DEMO_BASE_BADGE],
    benefits: "五险一金、股权激励（骨干）、免费三餐、人才公寓",
  },
  {
    key: "wujiang-supplychain",
    kind: "employer",
    name: "吴江盛泽供应链管理有限公司",
    regionCode: P.wujiang.code,
    address: "江苏省苏州市吴江区盛泽镇市场东路 1 号",
    description: "服务盛泽纺织产业的仓储与供应链企业，运营 6 万平方米纺织面料仓。",
    verified: false,
    benefits: "五险、计件奖金、包住宿",
  },
  {
    key: "huqiu-electrical",
    kind: "employer",
    name: "苏州狮山机电安装工程有限公司",
    regionCode: P.huqiu.code,
    address: "江苏省苏州市虎丘区（苏州高新区）狮山路 35 号",
    description: "承接厂房机电安装、配电房运维和光伏电站运维，客户包括高新区多家半导体与医疗器械企业。",
    verified: true,
    benefits: "五险一金、持证津贴、外勤补贴、年终奖",
  },
  {
    key: "shengzhou-appliance",
    kind: "employer",
    name: "浙江嵊州绿厨电器有限公司",
    regionCode: P.shengzhou.code,
    address: "浙江省嵊州市经济开发区城东区 16 号",
    description: "集成灶与厨房电器制造企业，产品销往全国 2000 余家门店，设有退役军人专属技能提升通道。",
    verified: true,
    badges: [DEMO_BASE_BADGE],
    benefits: "五险一金、包住宿、计件加技能工资、年度旅游",
  },
  {
    key: "meixian-kiwi",
    kind: "employer",
    name: "眉县秦岭猕猴桃产业发展有限公司",
    regionCode: DEMO_TOWNS.shoushan,
    address: "陕西省宝鸡市眉县首善街道平阳街 9 号",
    description: "猕猴桃种植、冷链仓储与电商销售一体化企业，带动周边 3000 余户果农增收，退役军人创办并担任总经理。",
    verified: true,
    benefits: "五险、冷库岗位低温补贴、电商销售提成",
  },
  {
    key: "huyi-rescue",
    kind: "employer",
    name: "西安鄠邑安泰应急救援服务有限公司",
    regionCode: DEMO_TOWNS.ganting,
    address: "陕西省西安市鄠邑区甘亭街道人民路 210 号",
    description: "专业社会应急救援力量，承担秦岭北麓山地搜救、防汛抢险和企业应急演练服务，骨干队员均为退役军人。",
    verified: true,
    badges: [DEMO_BASE_BADGE],
    benefits: "五险一金、出勤补贴、意外险、专业装备配发",
  },
  {
    key: "qindu-care",
    kind: "employer",
    name: "咸阳秦都康宁护理院",
    regionCode: P.qindu.code,
    address: "陕西省咸阳市秦都区渭阳西路 66 号",
    description: "医养结合型护理院，设床位 260 张，提供失能半失能老人照护与康复服务。",
    verified: false,
    benefits: "五险、夜班补贴、包工作餐、护理员资格证培训",
  },

  // ------------------------------------------------------------------ designated training institutions
  {
    key: "suzhou-training",
    kind: "training_provider",
    name: "苏州市退役军人职业技能培训学校",
    regionCode: P.gusu.code,
    address: "江苏省苏州市姑苏区西环路 888 号",
    description: "经申报、评审和公示确定的苏州市退役军人定点培训机构，开设电工、叉车、保安、网络运维等定制技能培训。",
    verified: true,
    badges: [DESIGNATED_TRAINING_BADGE],
  },
  {
    key: "zjg-training",
    kind: "training_provider",
    name: "张家港市港城职业培训学校",
    regionCode: DEMO_TOWNS.yangshe,
    address: "江苏省张家港市杨舍镇暨阳中路 66 号",
    description: "张家港市退役军人定点培训机构，以驾驶、物流、烹饪和无人机驾驶培训为特色。",
    verified: true,
    badges: [DESIGNATED_TRAINING_BADGE],
  },
  {
    key: "shengzhou-training",
    kind: "training_provider",
    name: "嵊州市技工学校退役军人培训中心",
    regionCode: DEMO_TOWNS.shanhu,
    address: "浙江省嵊州市剡湖街道官河南路 301 号",
    description: "嵊州市退役军人定点培训机构，开展电工、焊工、养老护理和创业培训。",
    verified: true,
    badges: [DESIGNATED_TRAINING_BADGE],
  },

  // ------------------------------------------------------------------ startup parks
  {
    key: "zjg-bingge-park",
    kind: "incubator_park",
    name: "张家港市“兵哥哥”退役军人创业园",
    regionCode: DEMO_TOWNS.yangshe,
    address: "江苏省张家港市杨舍镇长安南路 8 号",
    description:
      "面向退役军人的一站式孵化园区：提供免租工位、创业导师辅导、融合式创业培训和工商税务一站式代办，已孵化退役军人创业项目 60 余个。",
    verified: true,
    badges: [DEMO_BASE_BADGE],
  },
  {
    key: "snd-incubator",
    kind: "incubator_park",
    name: "苏州高新区退役军人创业孵化基地",
    regionCode: P.huqiu.code,
    address: "江苏省苏州市虎丘区（苏州高新区）科灵路 78 号",
    description: "聚焦科技类退役军人创业项目，提供共享实验室、投融资对接和知识产权服务。",
    verified: true,
  },
  {
    key: "meixian-park",
    kind: "incubator_park",
    name: "眉县退役军人创业园",
    regionCode: P.meixian.code,
    address: "陕西省宝鸡市眉县城关宝鸡路 15 号",
    description: "以猕猴桃深加工、农村电商和乡村旅游为重点，为返乡退役军人提供场地、贷款贴息和电商直播培训。",
    verified: true,
  },

  // ------------------------------------------------------------------ service network
  {
    key: "zjg-bureau",
    kind: "bureau",
    name: "张家港市退役军人事务局",
    regionCode: P.zhangjiagang.code,
    address: "江苏省张家港市杨舍镇人民中路 15 号",
    description: "负责全市退役军人就业创业、优抚褒扬和服务保障工作。",
    verified: true,
  },
  {
    key: "zjg-service-centre",
    kind: "service_station",
    stationTier: "county",
    name: "张家港市退役军人服务中心",
    regionCode: P.zhangjiagang.code,
    address: "江苏省张家港市杨舍镇人民中路 15 号 1 楼",
    description: "县级退役军人服务中心：一人一档建档、就业创业指导、政策咨询和帮扶援助。",
    verified: true,
  },
  {
    key: "yangshe-station",
    kind: "service_station",
    stationTier: "town",
    name: "杨舍镇退役军人服务站",
    regionCode: DEMO_TOWNS.yangshe,
    address: "江苏省张家港市杨舍镇南苑路 2 号便民服务中心",
    description: "镇级退役军人服务站：走访建档、岗位推送、困难帮扶。",
    verified: true,
  },
];

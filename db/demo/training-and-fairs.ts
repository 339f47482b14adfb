import { DEMO_PLACES, DEMO_TOWNS } from "./places";

export interface DemoTrainingSlot {
  key: string;
  org: string;
  title: string;
  description: string;
  skills: string[];
  regionCode: string;
  place: string;
  /** Days from the seed date; negative for a course already under way. */
  startsInDays: number;
  durationDays: number;
  capacity: number;
  seatsTaken: number;
  feeFen: number;
  subsidyFen: number;
}

const P = DEMO_PLACES;

/** Designated-institution courses (fees in fen; the subsidy is what the bureau pays for an eligible veteran). */
export const DEMO_TRAINING_SLOTS: DemoTrainingSlot[] = [
  {
    key: "forklift-n1",
    org: "zjg-training",
    title: "叉车司机（N1）上岗证培训班",
    description: "理论 16 学时 + 实操 40 学时，结业参加特种设备作业人员考试，合格取得 N1 叉车作业证。退役军人凭优待证全额补贴。",
    skills: ["叉车", "N1叉车证", "仓储管理"],
    regionCode: DEMO_TOWNS.yangshe,
    place: "张家港市港城职业培训学校实训场",
    startsInDays: 12,
    durationDays: 10,
    capacity: 30,
    seatsTaken: 18,
    feeFen: 180_000,
    subsidyFen: 180_000,
  },
  {
    key: "freight-qualification",
    org: "zjg-training",
    title: "道路货物运输驾驶员从业资格培训",
    description: "面向持 A2/B2 驾照的退役军人，涵盖道路运输法规、危险源辨识和应急处置，考试合格取得从业资格证。",
    skills: ["道路货物运输从业资格证", "安全驾驶", "A2驾照"],
    regionCode: P.zhangjiagang.code,
    place: "张家港市港城职业培训学校 3 楼教室",
    startsInDays: 20,
    durationDays: 5,
    capacity: 40,
    seatsTaken: 9,
    feeFen: 120_000,
    subsidyFen: 100_000,
  },
  {
    key: "drone-pilot",
    org: "zjg-training",
    title: "民用无人机驾驶员（多旋翼视距内）定制培训",
    description: "CAAC 执照培训，含植保、巡检、航拍三个方向实操，适合部队雷达、通信、侦察专业退役人员。",
    skills: ["无人机驾驶", "航拍", "植保"],
    regionCode: P.zhangjiagang.code,
    place: "张家港市凤凰镇无人机训练场",
    startsInDays: 35,
    durationDays: 21,
    capacity: 20,
    seatsTaken: 20,
    feeFen: 680_000,
    subsidyFen: 400_000,
  },
  {
    key: "low-voltage-electrician",
    org: "suzhou-training",
    title: "低压电工作业（特种作业操作证）培训",
    description: "应急管理部门特种作业考试配套培训，理论与实操结合，考试通过率 92%。",
    skills: ["电工", "低压电工证", "配电运维"],
    regionCode: P.gusu.code,
    place: "苏州市退役军人职业技能培训学校 实训楼 2 楼",
    startsInDays: 9,
    durationDays: 14,
    capacity: 35,
    seatsTaken: 27,
    feeFen: 150_000,
    subsidyFen: 150_000,
  },
  {
    key: "network-ops",
    org: "suzhou-training",
    title: "网络运维工程师（HCIA-Datacom）定制培训",
    description: "与园区 IT 运维企业联合开发的定制课程：交换路由、网络排障、Linux 基础，结业推荐就业。",
    skills: ["网络维护", "HCIA", "交换机配置", "Linux"],
    regionCode: P.sip.code,
    place: "苏州工业园区星湖街 328 号创意产业园实训室",
    startsInDays: 28,
    durationDays: 45,
    capacity: 30,
    seatsTaken: 11,
    feeFen: 860_000,
    subsidyFen: 500_000,
  },
  {
    key: "security-guard",
    org: "suzhou-training",
    title: "保安员证考前培训",
    description: "法律法规、安全防范、消防常识与应急处置，3 天集中培训后参加公安机关保安员资格考试。",
    skills: ["安保", "消防", "应急处置"],
    regionCode: P.gusu.code,
    place: "苏州市退役军人职业技能培训学校 1 号教室",
    startsInDays: -2,
    durationDays: 3,
    capacity: 50,
    seatsTaken: 44,
    feeFen: 60_000,
    subsidyFen: 60_000,
  },
  {
    key: "chinese-cooking",
    org: "shengzhou-training",
    title: "中式烹调师（四级）技能培训",
    description: "面向部队炊事员退役人员的技能提升班，结业参加职业技能等级认定。",
    skills: ["中式烹调", "食品安全", "厨师证"],
    regionCode: DEMO_TOWNS.shanhu,
    place: "嵊州市技工学校烹饪实训中心",
    startsInDays: 16,
    durationDays: 30,
    capacity: 25,
    seatsTaken: 6,
    feeFen: 240_000,
    subsidyFen: 200_000,
  },
  {
    key: "elder-care",
    org: "shengzhou-training",
    title: "养老护理员（健康照护）培训",
    description: "生活照料、基础护理、康复服务与急救技能，合格者推荐至合作养老机构就业。",
    skills: ["养老护理", "急救", "康复护理"],
    regionCode: P.shengzhou.code,
    place: "嵊州市技工学校 5 号楼",
    startsInDays: 40,
    durationDays: 20,
    capacity: 30,
    seatsTaken: 3,
    feeFen: 160_000,
    subsidyFen: 160_000,
  },
  {
    key: "syb-startup",
    org: "zjg-bingge-park",
    title: "退役军人创业培训（SYB）·兵哥哥创业园第 12 期",
    description: "创业意识、市场调研、财务预算与商业计划书辅导，结业可申请创业担保贷款与园区免租工位。",
    skills: ["创业", "商业计划书", "财务管理"],
    regionCode: DEMO_TOWNS.yangshe,
    place: "张家港市“兵哥哥”退役军人创业园 路演厅",
    startsInDays: 24,
    durationDays: 10,
    capacity: 30,
    seatsTaken: 15,
    feeFen: 0,
    subsidyFen: 0,
  },
];

export interface DemoJobFair {
  key: string;
  organizer: string;
  title: string;
  description: string;
  regionCode: string;
  mode: "online" | "on_site" | "hybrid";
  startsInDays: number;
  /** Hour of day (Beijing time) the fair opens and closes. */
  hours: [number, number];
  positionsOffered: number;
}

export const DEMO_JOB_FAIRS: DemoJobFair[] = [
  {
    key: "zjg-welcome-home-past",
    organizer: "zjg-bureau",
    title: "张家港市退役军人返乡欢迎仪式暨就业招聘会",
    description:
      "为今年返乡的退役士兵举行欢迎仪式，随后开展现场招聘：42 家用人单位提供近 400 个岗位，涵盖物流运输、安保、智能制造、物业和 IT 运维，现场签约 49 人。",
    regionCode: P.zhangjiagang.code,
    mode: "on_site",
    startsInDays: -40,
    hours: [9, 16],
    positionsOffered: 396,
  },
  {
    key: "suzhou-logistics-security-online",
    organizer: "zjg-service-centre",
    title: "苏州市退役军人网络招聘会（物流·安保专场）",
    description: "线上展位、视频面试和在线排队，覆盖苏州各区市物流、安保、物业企业，退役军人可在线投递并预约面试。",
    regionCode: "320500",
    mode: "online",
    startsInDays: 10,
    hours: [9, 17],
    positionsOffered: 260,
  },
  {
    key: "zjg-spring-special",
    organizer: "zjg-bureau",
    title: "张家港市退役军人春季专场招聘会",
    description: "线上线下同步：现场设 30 个展位，另有网络展厅；设创业园项目展示区和技能培训报名咨询台。",
    regionCode: DEMO_TOWNS.yangshe,
    mode: "hybrid",
    startsInDays: 25,
    hours: [9, 15],
    positionsOffered: 320,
  },
  {
    key: "shaanxi-joint-online",
    organizer: "meixian-park",
    title: "眉县·鄠邑·秦都退役军人联合网络招聘会",
    description: "宝鸡、西安、咸阳三地联合举办，重点推介应急救援、农业产业化、养老护理岗位及返乡创业项目。",
    regionCode: P.meixian.code,
    mode: "online",
    startsInDays: -75,
    hours: [10, 17],
    positionsOffered: 180,
  },
];

/**
 * Demo packages of the three demo startup parks (db/demo/organizations.ts) and founders' applications to them in the
 * states a park sees before its decision or after saying no: submitted, in review, waitlisted, declined. Accepted
 * applications (capacity holds, checklist, payment) are left to the real flow, so places and money stay consistent.
 */
import type { VentureInput } from "../../app/models/incubator-application.server";

type PackageKind = "workspace" | "mentoring" | "training" | "bundle";

export interface DemoPackage {
  key: string;
  park: string;
  kind: PackageKind;
  title: string;
  description: string;
  capacity: number;
  desks: number | null;
  mentoringHours: number;
  termMonths: number;
  priceFen: number;
  /** Percent subsidy in basis points (0 = none). */
  subsidyBp: number;
  subsidyPayer: string | null;
  requirements: string;
  intakeDates: string[];
}

export const DEMO_PACKAGES: DemoPackage[] = [
  {
    key: "bingge-desk",
    park: "zjg-bingge-park",
    kind: "workspace",
    title: "退役军人创业免租工位（一年）",
    description: "开放式办公区独立工位，含网络、会议室和路演厅使用；工商注册、税务登记由园区代办。",
    capacity: 20,
    desks: 20,
    mentoringHours: 6,
    termMonths: 12,
    priceFen: 360_000,
    subsidyBp: 10_000,
    subsidyPayer: "张家港市退役军人事务局",
    requirements: "退役证、身份证、商业计划书",
    intakeDates: ["2027-03-01", "2027-09-01"],
  },
  {
    key: "bingge-bundle",
    park: "zjg-bingge-park",
    kind: "bundle",
    title: "“兵哥哥”综合孵化服务包",
    description: "独立办公室 1 间、创业导师一对一辅导 24 小时、融资路演 2 次、财税代账一年。",
    capacity: 6,
    desks: 4,
    mentoringHours: 24,
    termMonths: 12,
    priceFen: 1_800_000,
    subsidyBp: 5_000,
    subsidyPayer: "张家港市退役军人事务局",
    requirements: "已注册企业的营业执照、商业计划书",
    intakeDates: ["2027-03-01"],
  },
  {
    key: "snd-lab",
    park: "snd-incubator",
    kind: "workspace",
    title: "科技项目共享实验室工位",
    description: "共享电子实验室和 3D 打印工坊，提供知识产权申报辅导。",
    capacity: 8,
    desks: 8,
    mentoringHours: 12,
    termMonths: 6,
    priceFen: 960_000,
    subsidyBp: 3_000,
    subsidyPayer: "苏州高新区",
    requirements: "商业计划书、核心技术说明",
    intakeDates: ["2027-04-01"],
  },
  {
    key: "meixian-ecommerce",
    park: "meixian-park",
    kind: "training",
    title: "农村电商直播创业培训营",
    description: "猕猴桃电商运营、短视频直播和冷链发货实训四周，结业后优先入驻园区直播间。",
    capacity: 30,
    desks: null,
    mentoringHours: 8,
    termMonths: 1,
    priceFen: 120_000,
    subsidyBp: 10_000,
    subsidyPayer: "眉县退役军人事务局",
    requirements: "退役证",
    intakeDates: ["2027-05-10"],
  },
];

/** A founder's venture (named `name`) and its application, in the shape the apply form hands the model. */
export interface DemoStartup extends Omit<VentureInput, "alumniConsent" | "planFile"> {
  key: string;
  founder: string;
  package: string;
  status: "submitted" | "in_review" | "waitlisted" | "declined";
  daysAgo: number;
  decisionReason?: string;
}

export const DEMO_STARTUPS: DemoStartup[] = [
  {
    key: "lengl",
    founder: "周海军",
    name: "港城鲜达冷链配送",
    stage: "registered",
    sector: "冷链物流",
    teamSize: 5,
    veteransInTeam: 4,
    fundingNeedFen: 50_000_000,
    jobsPlanned: 12,
    summary: "为张家港生鲜超市和社区团购提供冷链“最后一公里”配送，已有 2 辆冷藏车和 6 家签约客户。",
    supportWanted: "办公工位、融资对接、冷库租赁渠道",
    package: "bingge-bundle",
    status: "in_review",
    daysAgo: 9,
  },
  {
    key: "anfang",
    founder: "陈志刚",
    name: "卫士安防技术服务",
    stage: "idea",
    sector: "安防服务",
    teamSize: 3,
    veteransInTeam: 3,
    fundingNeedFen: 20_000_000,
    jobsPlanned: 8,
    summary: "面向工业园区的视频监控运维和消防设施检测，由退役士兵组建技术团队。",
    supportWanted: "工商注册代办、创业导师",
    package: "bingge-desk",
    status: "submitted",
    daysAgo: 2,
  },
  {
    key: "nongji",
    founder: "马晓东",
    name: "田野无人机植保服务队",
    stage: "trading",
    sector: "农业服务",
    teamSize: 7,
    veteransInTeam: 5,
    fundingNeedFen: 80_000_000,
    jobsPlanned: 15,
    summary: "提供无人机植保、测绘和飞手培训，2026 年作业面积 3 万亩。",
    supportWanted: "共享实验室、知识产权申报",
    package: "snd-lab",
    status: "waitlisted",
    daysAgo: 20,
    decisionReason: "本期名额已满，下期优先安排。",
  },
  {
    key: "mihoutao",
    founder: "杨建平",
    name: "秦岭猕猴桃直播小店",
    stage: "idea",
    sector: "农产品电商",
    teamSize: 2,
    veteransInTeam: 1,
    fundingNeedFen: 5_000_000,
    jobsPlanned: 3,
    summary: "在眉县老家销售自家和邻村猕猴桃，计划做抖音直播。",
    supportWanted: "直播培训、发货渠道",
    package: "meixian-ecommerce",
    status: "submitted",
    daysAgo: 4,
  },
  {
    key: "canyin",
    founder: "刘卫东",
    name: "老兵食堂快餐连锁",
    stage: "idea",
    sector: "餐饮",
    teamSize: 2,
    veteransInTeam: 2,
    fundingNeedFen: 100_000_000,
    jobsPlanned: 20,
    summary: "计划在张家港开设 5 家快餐门店。",
    supportWanted: "资金",
    package: "bingge-bundle",
    status: "declined",
    daysAgo: 30,
    decisionReason: "餐饮门店不在本服务包的孵化方向内，建议申请创业免租工位并参加创业培训。",
  },
];

import { DEMO_PLACES, DEMO_TOWNS } from "./places";
import type { JobType, Visibility } from "../enums";

/**
 * Fictional veterans ("一人一档" files). Branch ids: army, navy, air_force, rocket_force, armed_police,
 * joint_logistic_support_force, information_support_force, and the pre-2024 strategic_support_force.
 * Phone numbers use the fictional 1380000xxxx range.
 */
export interface DemoVeteran {
  key: string;
  fullName: string;
  regionCode: string;
  branch: string;
  specialty: string;
  rank: string;
  yearsServed: number;
  dischargeYear: number;
  honours?: string[];
  education: string;
  certificates?: string[];
  skills: string[];
  desiredRoles: string[];
  desiredRegionCodes: string[];
  salaryMin: number;
  jobTypes: JobType[];
  visibility: Visibility;
}

const P = DEMO_PLACES;
const SUZHOU = "320500";

export const DEMO_VETERANS: DemoVeteran[] = [
  // The demo veteran account's own file.
  {
    key: "demo-veteran",
    fullName: "陈志强",
    regionCode: DEMO_TOWNS.yangshe,
    branch: "army",
    specialty: "汽车驾驶员",
    rank: "中士",
    yearsServed: 8,
    dischargeYear: 2025,
    honours: ["个人三等功", "优秀士兵"],
    education: "高中",
    certificates: ["A2驾驶证", "道路货物运输从业资格证"],
    skills: ["A2驾照", "牵引车驾驶", "安全驾驶", "车辆维护", "物流"],
    desiredRoles: ["货车司机", "车队调度"],
    desiredRegionCodes: [P.zhangjiagang.code, P.changshu.code],
    salaryMin: 8000,
    jobTypes: ["full_time"],
    visibility: "verified_employers",
  },
  { key: "v02", fullName: "王海涛", regionCode: P.zhangjiagang.code, branch: "army", specialty: "装甲车驾驶员", rank: "上士", yearsServed: 12, dischargeYear: 2024, honours: ["个人三等功"], education: "大专", certificates: ["A2驾驶证"], skills: ["装甲车驾驶", "A2驾照", "车辆维护", "柴油发动机"], desiredRoles: ["牵引车司机", "车辆维修"], desiredRegionCodes: [P.zhangjiagang.code], salaryMin: 9000, jobTypes: ["full_time"], visibility: "public" },
  { key: "v03", fullName: "李建军", regionCode: P.gusu.code, branch: "armed_police", specialty: "警卫员", rank: "下士", yearsServed: 5, dischargeYear: 2025, honours: ["优秀士兵"], education: "高中", certificates: ["保安员证"], skills: ["安保", "巡逻", "应急处置", "擒拿格斗"], desiredRoles: ["安保队长", "押运员"], desiredRegionCodes: [SUZHOU], salaryMin: 6000, jobTypes: ["full_time"], visibility: "public" },
  { key: "v04", fullName: "张伟", regionCode: P.sip.code, branch: "army", specialty: "通信兵", rank: "中士", yearsServed: 8, dischargeYear: 2024, education: "大专", certificates: ["HCIA-Datacom"], skills: ["网络维护", "光纤熔接", "交换机配置", "通信保障"], desiredRoles: ["网络运维工程师"], desiredRegionCodes: [P.sip.code, P.wuzhong.code], salaryMin: 9000, jobTypes: ["full_time"], visibility: "verified_employers" },
  { key: "v05", fullName: "刘洋", regionCode: P.kunshan.code, branch: "air_force", specialty: "雷达操作员", rank: "上等兵", yearsServed: 2, dischargeYear: 2025, education: "本科", skills: ["雷达操作", "监控", "值班", "电子设备维护"], desiredRoles: ["机房值守", "监控中心操作员"], desiredRegionCodes: [P.kunshan.code, P.sip.code], salaryMin: 6000, jobTypes: ["full_time"], visibility: "public" },
  { key: "v06", fullName: "赵磊", regionCode: P.changshu.code, branch: "army", specialty: "炊事员", rank: "中士", yearsServed: 8, dischargeYear: 2023, honours: ["嘉奖"], education: "初中", certificates: ["中式烹调师（五级）"], skills: ["中式烹调", "大锅菜", "食品安全"], desiredRoles: ["食堂厨师"], desiredRegionCodes: [P.changshu.code, P.zhangjiagang.code], salaryMin: 6000, jobTypes: ["full_time"], visibility: "public" },
  { key: "v07", fullName: "孙浩", regionCode: P.xiangcheng.code, branch: "rocket_force", specialty: "导弹装备电气维护", rank: "上士", yearsServed: 12, dischargeYear: 2024, honours: ["个人三等功", "优秀士官"], education: "大专", certificates: ["高压电工作业证"], skills: ["电工", "设备维修", "电气检测", "高压电工证"], desiredRoles: ["设备维修电工", "高压测试"], desiredRegionCodes: [SUZHOU], salaryMin: 9000, jobTypes: ["full_time"], visibility: "verified_employers" },
  { key: "v08", fullName: "周强", regionCode: P.taicang.code, branch: "army", specialty: "工程兵", rank: "下士", yearsServed: 5, dischargeYear: 2024, education: "高中", certificates: ["挖掘机操作证"], skills: ["挖掘机操作", "工程机械", "爆破作业", "施工管理"], desiredRoles: ["挖掘机司机", "施工员"], desiredRegionCodes: [P.taicang.code, P.kunshan.code], salaryMin: 8000, jobTypes: ["full_time", "contract"], visibility: "public" },
  { key: "v09", fullName: "吴俊", regionCode: P.wuzhong.code, branch: "navy", specialty: "轮机兵", rank: "中士", yearsServed: 8, dischargeYear: 2023, education: "中专", certificates: ["低压电工作业证"], skills: ["柴油发动机", "设备维修", "电工", "船舶动力"], desiredRoles: ["设备维修", "物业工程"], desiredRegionCodes: [P.wuzhong.code, P.gusu.code], salaryMin: 7000, jobTypes: ["full_time"], visibility: "hidden" },
  { key: "v10", fullName: "郑凯", regionCode: P.shengzhou.code, branch: "army", specialty: "卫生员", rank: "上等兵", yearsServed: 2, dischargeYear: 2025, education: "大专", certificates: ["红十字救护员证"], skills: ["急救", "护理", "医疗", "康复护理"], desiredRoles: ["护理员", "急救培训"], desiredRegionCodes: [P.shengzhou.code], salaryMin: 5000, jobTypes: ["full_time"], visibility: "public" },
  { key: "v11", fullName: "钱明", regionCode: P.shengzhou.code, branch: "army", specialty: "装备修理工", rank: "中士", yearsServed: 8, dischargeYear: 2022, education: "中专", certificates: ["焊工证"], skills: ["焊接", "装配", "设备维修"], desiredRoles: ["装配工", "班组长"], desiredRegionCodes: [P.shengzhou.code], salaryMin: 6500, jobTypes: ["full_time"], visibility: "verified_employers" },
  { key: "v12", fullName: "冯晓东", regionCode: P.meixian.code, branch: "joint_logistic_support_force", specialty: "军需保管员", rank: "上士", yearsServed: 12, dischargeYear: 2024, education: "大专", skills: ["仓储管理", "库存盘点", "冷链", "物资管理"], desiredRoles: ["仓储主管", "返乡创业"], desiredRegionCodes: [P.meixian.code], salaryMin: 5000, jobTypes: ["full_time"], visibility: "public" },
  { key: "v13", fullName: "陈涛", regionCode: P.huyi.code, branch: "armed_police", specialty: "特战队员", rank: "中士", yearsServed: 8, dischargeYear: 2025, honours: ["个人二等功"], education: "高中", skills: ["山地搜救", "绳索救援", "急救", "擒拿格斗"], desiredRoles: ["应急救援", "安保"], desiredRegionCodes: [P.huyi.code, "610100"], salaryMin: 6500, jobTypes: ["full_time"], visibility: "public" },
  { key: "v14", fullName: "褚俊峰", regionCode: P.qindu.code, branch: "army", specialty: "卫生员", rank: "下士", yearsServed: 5, dischargeYear: 2023, education: "中专", certificates: ["护士执业证"], skills: ["护理", "急救", "养老护理"], desiredRoles: ["养老护理员"], desiredRegionCodes: [P.qindu.code], salaryMin: 4500, jobTypes: ["full_time"], visibility: "hidden" },
  { key: "v15", fullName: "卫国", regionCode: P.huqiu.code, branch: "air_force", specialty: "航空机务（电气）", rank: "四级军士长", yearsServed: 16, dischargeYear: 2022, honours: ["个人三等功", "优秀士官"], education: "大专", certificates: ["高压电工作业证", "登高作业证"], skills: ["电工", "配电运维", "设备维修", "光伏运维"], desiredRoles: ["配电房运维", "电气主管"], desiredRegionCodes: [P.huqiu.code, P.sip.code], salaryMin: 9000, jobTypes: ["full_time"], visibility: "verified_employers" },
  { key: "v16", fullName: "蒋磊", regionCode: P.gusu.code, branch: "army", specialty: "侦察兵", rank: "中士", yearsServed: 8, dischargeYear: 2024, education: "高中", certificates: ["保安员证"], skills: ["安保", "侦察", "驾驶", "应急处置"], desiredRoles: ["押运员", "安保队长"], desiredRegionCodes: [P.gusu.code], salaryMin: 7000, jobTypes: ["full_time"], visibility: "public" },
  { key: "v17", fullName: "沈俊", regionCode: P.sip.code, branch: "strategic_support_force", specialty: "网络维护", rank: "上尉", yearsServed: 10, dischargeYear: 2023, education: "本科", certificates: ["CISP"], skills: ["网络安全", "Linux", "日志分析", "网络维护"], desiredRoles: ["网络安全工程师"], desiredRegionCodes: [P.sip.code], salaryMin: 14000, jobTypes: ["full_time"], visibility: "verified_employers" },
  { key: "v18", fullName: "韩冰", regionCode: P.wujiang.code, branch: "army", specialty: "汽车驾驶员", rank: "上等兵", yearsServed: 2, dischargeYear: 2025, education: "高中", certificates: ["C1驾驶证", "N1叉车证"], skills: ["C1驾照", "叉车", "安全驾驶"], desiredRoles: ["配送司机", "叉车司机"], desiredRegionCodes: [P.wujiang.code, P.wuzhong.code], salaryMin: 6000, jobTypes: ["full_time"], visibility: "public" },
  { key: "v19", fullName: "杨帆", regionCode: P.kunshan.code, branch: "navy", specialty: "雷达操作员", rank: "下士", yearsServed: 5, dischargeYear: 2024, education: "大专", skills: ["雷达操作", "电子设备维护", "值班"], desiredRoles: ["设备维护", "质检"], desiredRegionCodes: [P.kunshan.code], salaryMin: 6500, jobTypes: ["full_time"], visibility: "hidden" },
  { key: "v20", fullName: "朱晨", regionCode: P.changshu.code, branch: "army", specialty: "炊事员", rank: "上等兵", yearsServed: 2, dischargeYear: 2024, education: "初中", skills: ["中式烹调", "面点", "食品安全"], desiredRoles: ["厨师"], desiredRegionCodes: [P.changshu.code], salaryMin: 5000, jobTypes: ["full_time", "part_time"], visibility: "verified_employers" },
  { key: "v21", fullName: "秦立新", regionCode: P.meixian.code, branch: "army", specialty: "步兵", rank: "中尉", yearsServed: 6, dischargeYear: 2022, honours: ["优秀基层干部"], education: "本科", skills: ["团队管理", "电商运营", "农业"], desiredRoles: ["电商运营", "返乡创业"], desiredRegionCodes: [P.meixian.code], salaryMin: 5000, jobTypes: ["full_time"], visibility: "public" },
  { key: "v22", fullName: "许文博", regionCode: P.xiangcheng.code, branch: "information_support_force", specialty: "通信兵", rank: "中士", yearsServed: 8, dischargeYear: 2025, education: "大专", certificates: ["HCIA-Datacom"], skills: ["通信保障", "网络维护", "机房巡检"], desiredRoles: ["网络运维", "机房运维"], desiredRegionCodes: [SUZHOU], salaryMin: 8000, jobTypes: ["full_time"], visibility: "public" },
  { key: "v23", fullName: "何志远", regionCode: P.huyi.code, branch: "army", specialty: "汽车驾驶员", rank: "下士", yearsServed: 5, dischargeYear: 2024, education: "高中", certificates: ["B2驾驶证"], skills: ["B2驾照", "越野驾驶", "车辆维护"], desiredRoles: ["救援车辆驾驶员", "货车司机"], desiredRegionCodes: [P.huyi.code, P.qindu.code], salaryMin: 6500, jobTypes: ["full_time"], visibility: "verified_employers" },
  { key: "v24", fullName: "吕鹏", regionCode: P.zhangjiagang.code, branch: "rocket_force", specialty: "特种车辆驾驶员", rank: "上士", yearsServed: 12, dischargeYear: 2023, honours: ["个人三等功"], education: "大专", certificates: ["A2驾驶证", "机动车驾驶教练员证"], skills: ["A2驾照", "驾驶培训", "安全驾驶", "车辆维护"], desiredRoles: ["驾驶教练", "车队管理"], desiredRegionCodes: [P.zhangjiagang.code], salaryMin: 8000, jobTypes: ["full_time"], visibility: "public" },
  { key: "v25", fullName: "施云", regionCode: P.gusu.code, branch: "army", specialty: "军械员", rank: "少校", yearsServed: 16, dischargeYear: 2022, honours: ["个人三等功", "优秀指挥军官"], education: "硕士", skills: ["团队管理", "项目管理", "安全管理", "培训授课"], desiredRoles: ["物业项目经理", "安全主管"], desiredRegionCodes: [SUZHOU], salaryMin: 12000, jobTypes: ["full_time"], visibility: "hidden" },
];

// The unions namespace: t('unions.<key>'). zh-TW.ts and en.ts have exactly these keys.
export default {
  roles: {
    admin: '工会管理员',
    commissioner: '采购专员',
    reviewer: '评审专家',
    finance: '财务',
    incubator_manager: '孵化基地管理员',
    leadership: '领导（只读）',
  },
  levels: {
    province: '省级',
    city: '市级',
    county: '县（区）级',
    township: '乡镇（街道）级',
    community: '村（社区）级',
  },
  admin: {
    unions: '工会与部门',
    unionName: '工会名称',
    level: '层级',
    parent: '上级工会',
    noParent: '无（顶级）',
    createUnion: '新建工会',
    departments: '部门',
    departmentName: '部门名称',
    addDepartment: '添加部门',
    staff: '工作人员',
    role: '岗位',
    department: '所属部门',
    noDepartment: '不指定部门',
    invite: '邀请',
  },
};

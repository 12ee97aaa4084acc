<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgentGroup</name>
    <message>
        <source>7 Authorised agent</source>
        <translation>7 委托代理人</translation>
    </message>
    <message>
        <source>An agent files on the operator&apos;s behalf</source>
        <translation>有委托代理人</translation>
    </message>
    <message>
        <source>1 Check copies of the materials and sign the check</source>
        <translation>1. 核对登记材料中的复印件并签署核对意见</translation>
    </message>
    <message>
        <source>2 Correct errors in the forms</source>
        <translation>2. 修改有关表格的填写错误</translation>
    </message>
    <message>
        <source>3 Correct errors in own documents</source>
        <translation>3. 修改自备文件的错误</translation>
    </message>
    <message>
        <source>4 Collect the licence and documents</source>
        <translation>4. 领取营业执照和有关文书</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>移动电话</translation>
    </message>
    <message>
        <source>Landline</source>
        <translation>固定电话</translation>
    </message>
    <message>
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Powers</source>
        <translation>委托权限</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Sole proprietor registration</source>
        <translation>个体工商户登记受理</translation>
    </message>
</context>
<context>
    <name>BusinessGroup</name>
    <message>
        <source>4 Business information</source>
        <translation>4 经营信息</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <source>Structure: administrative division + trade name + industry + organisational form, e.g. 攀枝花市仁和区张三五金店</source>
        <translation>名称结构：行政区划 + 字号 + 行业 + 组织形式，例如：攀枝花市仁和区张三五金店；可不使用名称</translation>
    </message>
    <message>
        <source>e.g. 5</source>
        <translation>例如 5</translation>
    </message>
    <message>
        <source>Paper licence requested</source>
        <translation>申领纸质执照</translation>
    </message>
    <message>
        <source> copies</source>
        <translation> 份</translation>
    </message>
    <message>
        <source>Duplicates:</source>
        <translation>副本数：</translation>
    </message>
    <message>
        <source>Business name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Capital (10,000 yuan)</source>
        <translation>出资额（万元）</translation>
    </message>
    <message>
        <source>Number of employees</source>
        <translation>从业人数</translation>
    </message>
    <message>
        <source>Business phone</source>
        <translation>经营电话</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>邮政编码</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>营业执照</translation>
    </message>
</context>
<context>
    <name>CaseEditor</name>
    <message>
        <source>Unexpected error ({error}); your input is kept in the form</source>
        <translation>发生意外错误（{error}），已填写的内容仍保留在表单中</translation>
    </message>
    <message>
        <source>Create a new case or open one from the list.</source>
        <translation>请新建案件，或从左侧列表中打开案件。</translation>
    </message>
    <message>
        <source>Case {number} · {status}</source>
        <translation>案件 {number} · {status}</translation>
    </message>
    <message>
        <source>This case can no longer be changed; it is shown read-only.</source>
        <translation>该案件已不能修改，仅供查看。</translation>
    </message>
    <message>
        <source>Unsaved changes…</source>
        <translation>有尚未保存的修改…</translation>
    </message>
    <message>
        <source>Saved automatically at {time}</source>
        <translation>已自动保存 {time}</translation>
    </message>
    <message>
        <source>Not saved: {message}</source>
        <translation>未保存：{message}</translation>
    </message>
    <message>
        <source>Pre-review passed</source>
        <translation>初审通过</translation>
    </message>
    <message>
        <source>Pre-review found {count} items to fix</source>
        <translation>初审发现 {count} 项需要更正</translation>
    </message>
    <message>
        <source>Pre-review failed: {message}</source>
        <translation>初审未能完成：{message}</translation>
    </message>
</context>
<context>
    <name>CaseListPanel</name>
    <message>
        <source>New case</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <source>Case number, name, pinyin initials or ID ending</source>
        <translation>案件编号、姓名、拼音首字母或证件号后几位</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件列表</translation>
    </message>
    <message>
        <source>Cases: {count}</source>
        <translation>共 {count} 件</translation>
    </message>
    <message>
        <source>The case list could not be loaded ({error})</source>
        <translation>案件列表加载失败（{error}）</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>经营者</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Business name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>(no name yet)</source>
        <translation>（尚未填写）</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（无名称）</translation>
    </message>
</context>
<context>
    <name>CommitmentsGroup</name>
    <message>
        <source>8 Commitments</source>
        <translation>8 承诺</translation>
    </message>
    <message>
        <source>The materials submitted are true and valid</source>
        <translation>提交的材料真实有效</translation>
    </message>
    <message>
        <source>The business name complies with the rules</source>
        <translation>使用的名称符合有关规定</translation>
    </message>
    <message>
        <source>The operator has the right to use the premises</source>
        <translation>依法享有经营场所的使用权</translation>
    </message>
    <message>
        <source>No licensed activity before the approval is granted</source>
        <translation>取得许可前不从事许可经营活动</translation>
    </message>
    <message>
        <source>Signed by the operator</source>
        <translation>经营者已签字</translation>
    </message>
    <message>
        <source>The operator commits</source>
        <translation>经营者承诺</translation>
    </message>
</context>
<context>
    <name>CompositionGroup</name>
    <message>
        <source>2 Form of organisation</source>
        <translation>2 组成形式</translation>
    </message>
    <message>
        <source>Individual business</source>
        <translation>个人经营</translation>
    </message>
    <message>
        <source>Family business</source>
        <translation>家庭经营</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>组成形式</translation>
    </message>
    <message>
        <source>Participating family members (every member signs)</source>
        <translation>参加经营的家庭成员（每位成员均须签字）</translation>
    </message>
    <message>
        <source>Add family member</source>
        <translation>添加家庭成员</translation>
    </message>
</context>
<context>
    <name>FamilyMemberRow</name>
    <message>
        <source>Signed</source>
        <translation>已签字</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Political status</source>
        <translation>政治面貌</translation>
    </message>
    <message>
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Family member {number}</source>
        <translation>家庭成员 {number}</translation>
    </message>
</context>
<context>
    <name>HandoverForm</name>
    <message>
        <source>Hand over the licence</source>
        <translation>交付营业执照</translation>
    </message>
    <message>
        <source>6 digits from the slip</source>
        <translation>领取通知单上的6位数字</translation>
    </message>
    <message>
        <source>Number on the ID presented</source>
        <translation>所出示证件上的号码</translation>
    </message>
    <message>
        <source>I compared the person with the ID photo: they match</source>
        <translation>已当面核对领取人与证件照片，确认一致</translation>
    </message>
    <message>
        <source>Agent: I checked the signed authorisation (power to collect the licence)</source>
        <translation>委托领取：已核验经营者签署的授权委托书（含领取营业执照权限）</translation>
    </message>
    <message>
        <source>Clear signature</source>
        <translation>清除签名</translation>
    </message>
    <message>
        <source>Photo of signed slip…</source>
        <translation>拍摄已签字的领取单…</translation>
    </message>
    <message>
        <source>No rating</source>
        <translation>暂不评价</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>确认交付</translation>
    </message>
    <message>
        <source>Pickup code</source>
        <translation>领取码</translation>
    </message>
    <message>
        <source>ID type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>领取人签名</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度评价</translation>
    </message>
    <message>
        <source>Photo attached</source>
        <translation>已附照片</translation>
    </message>
    <message>
        <source>Photo of the signed slip</source>
        <translation>已签字领取单的照片</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>The photo could not be read.</source>
        <translation>无法读取该照片。</translation>
    </message>
</context>
<context>
    <name>IssueSummaryPanel</name>
    <message>
        <source>Pre-review (F9)</source>
        <translation>初审 (F9)</translation>
    </message>
    <message>
        <source>Items to fix</source>
        <translation>待更正事项</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>[{kind}] {field}: {message}</source>
        <translation>【{kind}】{field}：{message}</translation>
    </message>
    <message>
        <source>{errors} errors, {warnings} warnings</source>
        <translation>错误 {errors} 项，提示 {warnings} 项</translation>
    </message>
    <message>
        <source>No problems found</source>
        <translation>未发现问题</translation>
    </message>
    <message>
        <source>Pre-review passed</source>
        <translation>初审通过</translation>
    </message>
    <message>
        <source>Pre-review not passed: {count} items must be fixed</source>
        <translation>初审未通过：有 {count} 项须更正</translation>
    </message>
</context>
<context>
    <name>LiaisonGroup</name>
    <message>
        <source>6 Liaison</source>
        <translation>6 联络员</translation>
    </message>
    <message>
        <source>Same as operator</source>
        <translation>同经营者</translation>
    </message>
    <message>
        <source>Copy the operator&apos;s name, phones, e-mail and document</source>
        <translation>复制经营者的姓名、电话、电子邮箱和证件</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>移动电话</translation>
    </message>
    <message>
        <source>Landline</source>
        <translation>固定电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Sole proprietor registration — {counter}</source>
        <translation>个体工商户登记受理 — {counter}</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Licence pickup</source>
        <translation>执照领取</translation>
    </message>
    <message>
        <source>&amp;Case</source>
        <translation>案件(&amp;C)</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <source>Find case</source>
        <translation>查找案件</translation>
    </message>
    <message>
        <source>Save now</source>
        <translation>立即保存</translation>
    </message>
    <message>
        <source>Pre-review</source>
        <translation>初审</translation>
    </message>
    <message>
        <source>Licence pickup desk</source>
        <translation>执照领取窗口</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>同步(&amp;Y)</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Send the open case again</source>
        <translation>重新发送当前案件</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>Print settings…</source>
        <translation>打印设置…</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言 / Language</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>The open case could not be saved. Discard its latest changes and continue?</source>
        <translation>当前案件未能保存。是否放弃最近的修改并继续？</translation>
    </message>
    <message>
        <source>Opened case {number}</source>
        <translation>已打开案件 {number}</translation>
    </message>
    <message>
        <source>The print settings could not be saved ({error})</source>
        <translation>打印设置未能保存（{error}）</translation>
    </message>
    <message>
        <source>Print settings saved.</source>
        <translation>打印设置已保存。</translation>
    </message>
    <message>
        <source>The language could not be saved ({error})</source>
        <translation>语言设置未能保存（{error}）</translation>
    </message>
    <message>
        <source>The language changes the next time the program starts.</source>
        <translation>界面语言将在下次启动程序时生效。</translation>
    </message>
    <message>
        <source>Open the case to send again first.</source>
        <translation>请先打开需要重新发送的案件。</translation>
    </message>
    <message>
        <source>The case is queued to be sent again.</source>
        <translation>案件已重新加入待上传队列。</translation>
    </message>
    <message>
        <source>The open case is not waiting for a retry.</source>
        <translation>当前案件无需重新发送。</translation>
    </message>
</context>
<context>
    <name>OperatorGroup</name>
    <message>
        <source>1 Operator</source>
        <translation>1 经营者</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日，如 1990-01-31</translation>
    </message>
    <message>
        <source>e.g. 13800138000</source>
        <translation>例如 13800138000</translation>
    </message>
    <message>
        <source>e.g. 0812-2900000</source>
        <translation>例如 0812-2900000</translation>
    </message>
    <message>
        <source>As on the identity document</source>
        <translation>与身份证件上的住址一致</translation>
    </message>
    <message>
        <source>Aged 16-17 and living on own earnings</source>
        <translation>16–17 周岁，以自己的劳动收入为主要生活来源</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>文化程度</translation>
    </message>
    <message>
        <source>Political status</source>
        <translation>政治面貌</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>移动电话</translation>
    </message>
    <message>
        <source>Landline</source>
        <translation>固定电话</translation>
    </message>
    <message>
        <source>Residence</source>
        <translation>住所</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
</context>
<context>
    <name>PickupDesk</name>
    <message>
        <source>Scan the slip&apos;s QR code or type the case number</source>
        <translation>扫描领取通知单二维码或输入案件编号</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Scan image…</source>
        <translation>从图片识别…</translation>
    </message>
    <message>
        <source>No case selected. Scan a slip or pick a case from the lists.</source>
        <translation>尚未选择案件。请扫描领取通知单，或从左侧列表中选择。</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>经营者</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>委托代理人</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>营业执照</translation>
    </message>
    <message>
        <source>Collect by</source>
        <translation>领取期限</translation>
    </message>
    <message>
        <source>Reprint slip (new code)</source>
        <translation>补打通知单（换新领取码）</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>当面</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>信函</translation>
    </message>
    <message>
        <source>Liaison</source>
        <translation>联络员</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>已联系上</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <source>Message left</source>
        <translation>已留言</translation>
    </message>
    <message>
        <source>Record notification</source>
        <translation>记录通知</translation>
    </message>
    <message>
        <source>Tell the applicant</source>
        <translation>通知申请人</translation>
    </message>
    <message>
        <source>Image of the pickup slip</source>
        <translation>领取通知单图片</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.bmp)</translation>
    </message>
    <message>
        <source>The file is not an image that can be read.</source>
        <translation>该文件不是可读取的图片。</translation>
    </message>
    <message>
        <source>No QR code could be read. Hold the slip flat and closer, or type the number.</source>
        <translation>未能识别二维码。请将通知单放平、靠近一些，或直接输入案件编号。</translation>
    </message>
    <message>
        <source>Case {number} · {status}</source>
        <translation>案件 {number} · {status}</translation>
    </message>
    <message>
        <source>(no business name)</source>
        <translation>（无名称）</translation>
    </message>
    <message>
        <source>may collect the licence</source>
        <translation>有权领取营业执照</translation>
    </message>
    <message>
        <source>may NOT collect the licence</source>
        <translation>无权领取营业执照</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>[overdue]</source>
        <translation>[已逾期]</translation>
    </message>
    <message>
        <source>Arrival recorded. Print the pickup slip and give it to the applicant; the old code, if any, no longer works.</source>
        <translation>已登记执照到达。请打印领取通知单交给申请人；原领取码（如有）已失效。</translation>
    </message>
    <message>
        <source>Notification recorded.</source>
        <translation>已记录通知。</translation>
    </message>
    <message>
        <source>Licence handed over at {time}. The pickup code is now invalid.</source>
        <translation>营业执照已于 {time} 交付，领取码已失效。</translation>
    </message>
</context>
<context>
    <name>PickupLists</name>
    <message>
        <source>Record arrival and print the slip</source>
        <translation>登记到达并打印领取通知单</translation>
    </message>
    <message>
        <source>Licences sent by the district</source>
        <translation>区级已寄出的执照</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>只看逾期</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Waiting for pickup</source>
        <translation>待领取</translation>
    </message>
    <message>
        <source>(no business name)</source>
        <translation>（无名称）</translation>
    </message>
    <message>
        <source>{number}  {name}  due {due}</source>
        <translation>{number}  {name}  期限 {due}</translation>
    </message>
    <message>
        <source>[overdue]</source>
        <translation>[已逾期]</translation>
    </message>
</context>
<context>
    <name>PremisesGroup</name>
    <message>
        <source>3 Business premises</source>
        <translation>3 经营场所</translation>
    </message>
    <message>
        <source>Village, road or community</source>
        <translation>村、路或社区</translation>
    </message>
    <message>
        <source>House number and further detail</source>
        <translation>门牌号及详细地址</translation>
    </message>
    <message>
        <source>E-commerce operator</source>
        <translation>电子商务经营者</translation>
    </message>
    <message>
        <source>Platform and shop address (URL)</source>
        <translation>平台名称及网店网址</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>省</translation>
    </message>
    <message>
        <source>City</source>
        <translation>市</translation>
    </message>
    <message>
        <source>County / district</source>
        <translation>县（区）</translation>
    </message>
    <message>
        <source>Township / street</source>
        <translation>乡镇（街道）</translation>
    </message>
    <message>
        <source>Village / road / community</source>
        <translation>村（路、社区）</translation>
    </message>
    <message>
        <source>Detailed address</source>
        <translation>门牌详细地址</translation>
    </message>
    <message>
        <source>Online premises</source>
        <translation>网络经营场所</translation>
    </message>
</context>
<context>
    <name>PrintButtonRow</name>
    <message>
        <source>Receipt</source>
        <translation>受理回执</translation>
    </message>
    <message>
        <source>Deferral notice</source>
        <translation>容缺受理通知书</translation>
    </message>
    <message>
        <source>List of corrections</source>
        <translation>补正清单</translation>
    </message>
    <message>
        <source>Print:</source>
        <translation>打印：</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>Print preview — {title} — {number}</source>
        <translation>打印预览 — {title} — {number}</translation>
    </message>
    <message>
        <source>{paper} · {pages} page(s)</source>
        <translation>{paper} · 共 {pages} 页</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>另存为 PDF(&amp;S)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Rendering the pages…</source>
        <translation>正在生成页面…</translation>
    </message>
    <message>
        <source>The printer could not be opened; nothing was printed.</source>
        <translation>无法打开打印机，未打印任何内容。</translation>
    </message>
    <message>
        <source>Sent {pages} page(s) to the printer.</source>
        <translation>已发送 {pages} 页到打印机。</translation>
    </message>
    <message>
        <source>The file could not be saved ({error}).</source>
        <translation>文件未能保存（{error}）。</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
</context>
<context>
    <name>PrintSettingsDialog</name>
    <message>
        <source>Print settings</source>
        <translation>打印设置</translation>
    </message>
    <message>
        <source>Receipts and pickup slips</source>
        <translation>受理回执和领取通知单</translation>
    </message>
    <message>
        <source>Notices (deferral, correction, refusal)</source>
        <translation>通知书（容缺、补正、不予登记）</translation>
    </message>
    <message>
        <source>A5 or A6 suit a slip printer; notices are normally printed on A4.</source>
        <translation>票据打印机可用 A5 或 A6；通知书一般用 A4 打印。</translation>
    </message>
</context>
<context>
    <name>ScopeGroup</name>
    <message>
        <source>5 Business scope</source>
        <translation>5 经营范围</translation>
    </message>
    <message>
        <source>Search by name or pinyin initials, e.g. xs</source>
        <translation>输入名称或拼音首字母搜索，例如 xs</translation>
    </message>
    <message>
        <source>Add selected item</source>
        <translation>添加选中项</translation>
    </message>
    <message>
        <source>Find item</source>
        <translation>查找条目</translation>
    </message>
    <message>
        <source>Chosen items</source>
        <translation>已选条目</translation>
    </message>
    <message>
        <source>[Licensed] {name}</source>
        <translation>【许可】{name}</translation>
    </message>
</context>
<context>
    <name>ScopeItemRow</name>
    <message>
        <source>{id} (not in the catalogue)</source>
        <translation>{id}（目录中无此项）</translation>
    </message>
    <message>
        <source>Licensed</source>
        <translation>许可</translation>
    </message>
    <message>
        <source>General</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Approval required: {document}</source>
        <translation>须提交批准文件：{document}</translation>
    </message>
    <message>
        <source>Approval document</source>
        <translation>许可文件名称</translation>
    </message>
    <message>
        <source>Approval number</source>
        <translation>许可文件编号</translation>
    </message>
    <message>
        <source>Issuing authority</source>
        <translation>发证机关</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Sign here with the mouse or pen</source>
        <translation>请用鼠标或手写笔在此签名</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Send waiting cases and fetch the district&apos;s decisions now</source>
        <translation>立即发送待上传案件并获取区级审核结果</translation>
    </message>
    <message>
        <source>Sync is off</source>
        <translation>同步未启用</translation>
    </message>
    <message>
        <source>Sync needs attention</source>
        <translation>同步需处理</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Not connected yet</source>
        <translation>尚未连接</translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation>正在同步</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>{count} waiting, {size} to send</source>
        <translation>{count} 件待上传，剩余 {size}</translation>
    </message>
    <message>
        <source>{count} need attention</source>
        <translation>{count} 件需处理</translation>
    </message>
    <message>
        <source>last sync {time}</source>
        <translation>上次同步 {time}</translation>
    </message>
</context>
</TS>

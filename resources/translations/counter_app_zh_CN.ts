<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AcceptanceDialog</name>
    <message>
        <source>Accept case {number}</source>
        <translation>受理案件 {number}</translation>
    </message>
    <message>
        <source>Reading the materials and deadlines…</source>
        <translation>正在读取材料和办理期限…</translation>
    </message>
    <message>
        <source>Cannot be accepted yet</source>
        <translation>暂不能受理</translation>
    </message>
    <message>
        <source>Capture the missing materials first (or correct the application and pre-review it again), then accept the case.</source>
        <translation>请先采集上述缺少的材料（或补正申请内容并重新初审），然后再受理。</translation>
    </message>
    <message>
        <source>All materials are present: the case can be accepted as it is.</source>
        <translation>材料齐全，可以直接受理。</translation>
    </message>
    <message>
        <source>Missing materials that may be supplied later (容缺受理)</source>
        <translation>缺少的可容缺材料（容缺受理）</translation>
    </message>
    <message>
        <source>Only if the applicant chooses it: tick each item to defer, how it will be supplied and by when. Without 容缺 these items must be supplied before the case can be accepted.</source>
        <translation>须由申请人自愿选择：勾选要容缺的材料，并选择补交方式和补交期限。不办理容缺的，须补齐这些材料后才能受理。</translation>
    </message>
    <message>
        <source>The applicant has signed the 容缺 commitment letter (《容缺受理承诺书》) naming each item, how and by when</source>
        <translation>申请人已签署《容缺受理承诺书》（写明每项材料、补交方式和补交期限）</translation>
    </message>
    <message>
        <source>If an item is not supplied by its due date, the acceptance is revoked with a written notice.</source>
        <translation>逾期未补交的，将书面通知撤销受理。</translation>
    </message>
    <message>
        <source>Not accepted. Please resolve:</source>
        <translation>未能受理，请处理以下问题：</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>受理(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Read again</source>
        <translation>重新读取(&amp;R)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The case could not be read.</source>
        <translation>无法读取该案件。</translation>
    </message>
    <message>
        <source>Committed decision date: {date} ({days} working days)</source>
        <translation>承诺办结日期：{date}（{days}个工作日）</translation>
    </message>
    <message>
        <source>Legal time limit: {legal}; for a complex case, with written notice: {extended}</source>
        <translation>法定办结期限：{legal}；复杂案件书面告知后可延长至：{extended}</translation>
    </message>
    <message>
        <source>Missing (cannot be deferred): {material}</source>
        <translation>缺少不可容缺的材料：{material}</translation>
    </message>
    <message>
        <source>Accepting…</source>
        <translation>正在受理…</translation>
    </message>
</context>
<context>
    <name>AcceptedDialog</name>
    <message>
        <source>Case {number} accepted</source>
        <translation>案件 {number} 已受理</translation>
    </message>
    <message>
        <source>Case {number} accepted with deferred materials (容缺受理)</source>
        <translation>案件 {number} 已容缺受理</translation>
    </message>
    <message>
        <source>Committed decision date: {date}</source>
        <translation>承诺办结日期：{date}</translation>
    </message>
    <message>
        <source>• {material}: {method}, by {date}</source>
        <translation>• {material}：{method}，{date}前补交</translation>
    </message>
    <message>
        <source>Print the receipt and the 容缺 notice (two copies: one for the applicant, one for the file) and hand them to the applicant.</source>
        <translation>请打印受理回执和《容缺受理通知书》（一式两份：申请人一份、存档一份），交给申请人。</translation>
    </message>
    <message>
        <source>Print the receipt and hand it to the applicant.</source>
        <translation>请打印受理回执，交给申请人。</translation>
    </message>
    <message>
        <source>Print the &amp;receipt…</source>
        <translation>打印受理回执(&amp;R)…</translation>
    </message>
    <message>
        <source>Print the 容缺 &amp;notice…</source>
        <translation>打印容缺受理通知书(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
</context>
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
    <name>CameraSettingsDialog</name>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>{size} (recommended)</source>
        <translation>{size}（推荐）</translation>
    </message>
    <message>
        <source>Search again</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <source>&amp;Camera:</source>
        <translation>摄像头(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Resolution:</source>
        <translation>分辨率(&amp;R)：</translation>
    </message>
    <message>
        <source>The camera may deliver a different resolution than requested; 1280 × 720 is enough for the ID photo and keeps the preview smooth.</source>
        <translation>摄像头实际输出的分辨率可能与所选不同；1280 × 720 足以满足证件照要求，且预览流畅。</translation>
    </message>
    <message>
        <source>Simulated camera (demo)</source>
        <translation>模拟摄像头（演示）</translation>
    </message>
    <message>
        <source>Default camera (number 0)</source>
        <translation>默认摄像头（0 号）</translation>
    </message>
    <message>
        <source>Camera {number} (not connected now)</source>
        <translation>摄像头 {number}（当前未连接）</translation>
    </message>
    <message>
        <source>Looking for cameras…</source>
        <translation>正在查找摄像头…</translation>
    </message>
    <message>
        <source>{count} camera(s) found.</source>
        <translation>找到 {count} 个摄像头。</translation>
    </message>
    <message>
        <source>No camera was found. Check that it is connected and not used by another program; photos can also be loaded from files.</source>
        <translation>未找到摄像头。请检查摄像头是否已连接、是否被其他程序占用；也可以从文件选择照片。</translation>
    </message>
</context>
<context>
    <name>CaseActions</name>
    <message>
        <source>Accept… (F11)</source>
        <translation>受理… (F11)</translation>
    </message>
    <message>
        <source>受理: accept the pre-reviewed case, under 容缺 if the applicant chooses it</source>
        <translation>受理已初审的案件；申请人选择时可办理容缺受理</translation>
    </message>
    <message>
        <source>Submit to district (F12)</source>
        <translation>提交区级 (F12)</translation>
    </message>
    <message>
        <source>提交: put the accepted case in the outbox; it is sent to the district whenever the link allows</source>
        <translation>将已受理的案件放入待上传队列，网络可用时自动发送到区级</translation>
    </message>
    <message>
        <source>Only a pre-reviewed case can be accepted; this one is {status}. Run the pre-review (F9) first.</source>
        <translation>只有已初审的案件可以受理，该案件当前为“{status}”。请先初审（F9）。</translation>
    </message>
    <message>
        <source>Case {number} is now {status}; committed decision date {date}</source>
        <translation>案件 {number} 当前状态：{status}；承诺办结日期 {date}</translation>
    </message>
    <message>
        <source>Only an accepted case can be submitted; this one is {status}.</source>
        <translation>只有已受理的案件可以提交到区级，该案件当前为“{status}”。</translation>
    </message>
    <message>
        <source>Submitting case {number}…</source>
        <translation>正在提交案件 {number}…</translation>
    </message>
    <message>
        <source>Case {number} submitted to the district: {status}. It is sent whenever the link allows.</source>
        <translation>案件 {number} 已提交区级：{status}。网络可用时自动上传。</translation>
    </message>
    <message>
        <source>Not submitted: {message}</source>
        <translation>未能提交：{message}</translation>
    </message>
    <message>
        <source>Upload: {state}</source>
        <translation>上传：{state}</translation>
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
        <source>Application form</source>
        <translation>申请信息</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>材料</translation>
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
    <name>CornerEditor</name>
    <message>
        <source>top left</source>
        <translation>左上</translation>
    </message>
    <message>
        <source>top right</source>
        <translation>右上</translation>
    </message>
    <message>
        <source>bottom right</source>
        <translation>右下</translation>
    </message>
    <message>
        <source>bottom left</source>
        <translation>左下</translation>
    </message>
    <message>
        <source>Document photo with corner handles</source>
        <translation>带四个角点的文件照片</translation>
    </message>
    <message>
        <source>Corner {number} ({name}) selected; arrow keys move it</source>
        <translation>已选中角点 {number}（{name}），可用方向键移动</translation>
    </message>
    <message>
        <source>Take a photo with the camera or choose an image file.</source>
        <translation>请用摄像头拍摄，或从文件选择照片。</translation>
    </message>
</context>
<context>
    <name>DeferralTable</name>
    <message>
        <source>Missing material</source>
        <translation>缺少的材料</translation>
    </message>
    <message>
        <source>Defer</source>
        <translation>容缺</translation>
    </message>
    <message>
        <source>How it will be supplied</source>
        <translation>补交方式</translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>补交期限</translation>
    </message>
    <message>
        <source>The applicant chooses to supply this item later (容缺受理)</source>
        <translation>申请人选择以后补交此项材料（容缺受理）</translation>
    </message>
    <message>
        <source>Not later than the committed decision date</source>
        <translation>不得晚于承诺办结日期</translation>
    </message>
</context>
<context>
    <name>DocumentCaptureDialog</name>
    <message>
        <source>Document capture</source>
        <translation>文件采集</translation>
    </message>
    <message>
        <source>Take with camera (F6)</source>
        <translation>摄像头拍摄 (F6)</translation>
    </message>
    <message>
        <source>Choose image file… (Ctrl+O)</source>
        <translation>从文件选择… (Ctrl+O)</translation>
    </message>
    <message>
        <source>Photo: drag the four corners onto the page (Tab selects, arrows move)</source>
        <translation>原图：将四个角点拖到文件四角（Tab 选择角点，方向键移动）</translation>
    </message>
    <message>
        <source>The flattened page appears here.</source>
        <translation>校正后的文件显示在这里。</translation>
    </message>
    <message>
        <source>Flattened page</source>
        <translation>校正后</translation>
    </message>
    <message>
        <source>Rotate 90° (Ctrl+R)</source>
        <translation>旋转 90° (Ctrl+R)</translation>
    </message>
    <message>
        <source>Detect outline again</source>
        <translation>重新检测边缘</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Save and add next page</source>
        <translation>保存并拍下一页</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{material}: new page {number}</source>
        <translation>{material}：新增第 {number} 页</translation>
    </message>
    <message>
        <source>{material}: retake page {number}</source>
        <translation>{material}：重拍第 {number} 页</translation>
    </message>
    <message>
        <source>Choose a photo of the document</source>
        <translation>选择文件照片</translation>
    </message>
    <message>
        <source>Images ({patterns})</source>
        <translation>图片 ({patterns})</translation>
    </message>
    <message>
        <source>Reading and analysing the photo…</source>
        <translation>正在读取并分析照片…</translation>
    </message>
    <message>
        <source>Taking the photo…</source>
        <translation>正在拍摄…</translation>
    </message>
    <message>
        <source>Flattening the page…</source>
        <translation>正在校正…</translation>
    </message>
    <message>
        <source>Detecting the outline…</source>
        <translation>正在检测边缘…</translation>
    </message>
    <message>
        <source>{width} × {height} pixels, {dpi} dpi</source>
        <translation>{width} × {height} 像素，{dpi} dpi</translation>
    </message>
    <message>
        <source>Saving the page…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Page {number} saved. Take the next page.</source>
        <translation>第 {number} 页已保存，请拍摄下一页。</translation>
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
        <source>Camera…</source>
        <translation>摄像头…</translation>
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
        <source>The camera settings could not be saved ({error})</source>
        <translation>摄像头设置未能保存（{error}）</translation>
    </message>
    <message>
        <source>Camera settings saved.</source>
        <translation>摄像头设置已保存。</translation>
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
    <name>MaterialsPanel</name>
    <message>
        <source>Reload</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Premises proof — one of the following:</source>
        <translation>经营场所证明（以下任选其一）：</translation>
    </message>
    <message>
        <source>Only missing materials can be added to this case now.</source>
        <translation>本案件已容缺受理：只能补充缺少的材料，已有材料不能重拍或删除。</translation>
    </message>
    <message>
        <source>This case can no longer be changed; its materials are shown read-only.</source>
        <translation>本案件已不能修改，材料只读显示。</translation>
    </message>
    <message>
        <source>Required materials: complete.</source>
        <translation>必需材料：已齐全。</translation>
    </message>
    <message>
        <source>Required materials: {count} missing (marked red below).</source>
        <translation>必需材料：缺 {count} 项（下方红色标出）。</translation>
    </message>
    <message>
        <source>Deferrable, may be supplied later: {count}.</source>
        <translation>可容缺后补：{count} 项。</translation>
    </message>
    <message>
        <source>Material saved: page {number}</source>
        <translation>材料已保存：第 {number} 页</translation>
    </message>
    <message>
        <source>Delete page</source>
        <translation>删除页</translation>
    </message>
    <message>
        <source>Delete page {number} of “{material}”? This cannot be undone.</source>
        <translation>删除“{material}”的第 {number} 页？删除后不能恢复。</translation>
    </message>
    <message>
        <source>Page deleted.</source>
        <translation>已删除该页。</translation>
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
    <name>OverrideReasonDialog</name>
    <message>
        <source>Keep a capture that failed the checks</source>
        <translation>保留未通过检查的照片</translation>
    </message>
    <message>
        <source>This capture did not pass every quality check. Keep it only if a better one cannot be taken, and say why; the reason is recorded with the material.</source>
        <translation>这张照片未通过全部质量检查。只有在无法拍得更好时才保留，并请说明原因；原因将与材料一起记录。</translation>
    </message>
    <message>
        <source>The applicant cannot keep the required posture (health reasons)</source>
        <translation>申请人因健康原因无法保持规定姿势</translation>
    </message>
    <message>
        <source>Religious head covering</source>
        <translation>因宗教信仰佩戴头饰</translation>
    </message>
    <message>
        <source>The counter&apos;s lighting cannot be improved now</source>
        <translation>窗口现场光线暂时无法改善</translation>
    </message>
    <message>
        <source>The original document is damaged or faded; this is the best possible copy</source>
        <translation>原件破损或褪色，已是能拍到的最佳效果</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>Failed checks:</source>
        <translation>未通过的检查：</translation>
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
    <name>PortraitCaptureDialog</name>
    <message>
        <source>Portrait capture</source>
        <translation>人像采集</translation>
    </message>
    <message>
        <source>On-site portrait</source>
        <translation>经营者现场人像</translation>
    </message>
    <message>
        <source>Ask the applicant to sit straight in front of the camera, in front of a plain light background, without a hat. The photo is taken automatically once every check has passed for a moment.</source>
        <translation>请申请人摘下帽子，在浅色纯色背景前正对镜头坐好。所有检查连续通过片刻后将自动拍照。</translation>
    </message>
    <message>
        <source>Capture now (Space)</source>
        <translation>立即拍摄（空格）</translation>
    </message>
    <message>
        <source>Manual capture is always possible; if a check fails you will be asked for a reason, which is recorded.</source>
        <translation>随时可以手动拍摄；若有检查未通过，需要填写原因并记录。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>ID photo</source>
        <translation>证件照</translation>
    </message>
    <message>
        <source>Check the photo</source>
        <translation>请确认照片</translation>
    </message>
    <message>
        <source>Cut to the ID-photo format (358 × 441 pixels), background kept.</source>
        <translation>已按证件照规格裁剪（358 × 441 像素），保留背景。</translation>
    </message>
    <message>
        <source>&amp;Use this photo</source>
        <translation>使用此照片(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Retake</source>
        <translation>重拍(&amp;R)</translation>
    </message>
    <message>
        <source>The video has ended; capture the last frame or cancel.</source>
        <translation>视频已结束：可拍摄最后一帧，或取消。</translation>
    </message>
    <message>
        <source>Manual capture, reason recorded: {reason}</source>
        <translation>手动拍摄，已记录原因：{reason}</translation>
    </message>
    <message>
        <source>Every check passed.</source>
        <translation>全部检查通过。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>PortraitPreview</name>
    <message>
        <source>Camera preview</source>
        <translation>摄像头预览</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>正在打开摄像头…</translation>
    </message>
    <message>
        <source>Auto capture</source>
        <translation>自动拍摄</translation>
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
    <name>SlotRow</name>
    <message>
        <source>Page {number}</source>
        <translation>第 {number} 页</translation>
    </message>
    <message>
        <source>Kept despite failed checks: {reason}</source>
        <translation>未通过检查但已保留，原因：{reason}</translation>
    </message>
    <message>
        <source>Retake</source>
        <translation>重拍</translation>
    </message>
    <message>
        <source>Delete page</source>
        <translation>删除页</translation>
    </message>
    <message>
        <source>✓ Captured</source>
        <translation>✓ 已采集</translation>
    </message>
    <message>
        <source>✗ Missing</source>
        <translation>✗ 缺少</translation>
    </message>
    <message>
        <source>✗ One of</source>
        <translation>✗ 任选其一</translation>
    </message>
    <message>
        <source>Deferrable</source>
        <translation>容缺可缓交</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必需</translation>
    </message>
    <message>
        <source>deferrable: may be supplied later</source>
        <translation>可容缺：可以后补交</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>several pages possible</source>
        <translation>可多页</translation>
    </message>
    <message>
        <source>{count} page(s) captured</source>
        <translation>已采集 {count} 页</translation>
    </message>
    <message>
        <source>Take portrait</source>
        <translation>拍摄人像</translation>
    </message>
    <message>
        <source>Add page</source>
        <translation>添加页</translation>
    </message>
    <message>
        <source>Capture</source>
        <translation>拍摄</translation>
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

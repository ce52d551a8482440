/* The trust anchors compiled into the firmware test image: the file named by
 * TV_FW_CA_FILE (firmware.mk passes the simulator's PEM bundle). */
    .section .rodata.tv_fw_ca, "a"
    .global tv_fw_ca
    .global tv_fw_ca_end
tv_fw_ca:
    .incbin TV_FW_CA_FILE
tv_fw_ca_end:
    .byte 0
